namespace Closeio.Core.Http;

/// <summary>
/// A base URI the client refuses before any connection is made: not http(s), plain http to a host
/// other than this machine (the key would cross the network in clear), or credentials in the URI.
/// The message never repeats the URI's user part.
/// </summary>
public sealed class InvalidBaseUriException : ArgumentException
{
    /// <summary>Creates the exception with a message that says what to use instead.</summary>
    public InvalidBaseUriException(string message) : base(message)
    {
    }

    /// <summary>
    /// Throws when <paramref name="uri"/> is not a base URI the key may be sent to: absolute, https
    /// (or http to a loopback address, such as the loopback Sandbox), and without a user part.
    /// </summary>
    /// <exception cref="InvalidBaseUriException">The URI is refused.</exception>
    public static void ThrowIfUnsafe(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
            throw new InvalidBaseUriException($"The base URI must be absolute, e.g. {CloseConnectionOptions.DefaultBaseUri}.");
        // Checked first, so no later message repeats the user part.
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new InvalidBaseUriException(
                $"The base URI {Describe(uri)} carries a user name or password; remove it. The API key goes in -ApiKey, " +
                "-Credential or the CLOSEIO_API_KEY environment variable (or is saved with -SaveApiKey), never in the URI.");
        var https = uri.Scheme == Uri.UriSchemeHttps;
        var http = uri.Scheme == Uri.UriSchemeHttp;
        if (!https && !http)
            throw new InvalidBaseUriException(
                $"The base URI {Describe(uri)} uses {uri.Scheme}:, which Close does not speak; use https, e.g. {CloseConnectionOptions.DefaultBaseUri}.");
        if (http && !uri.IsLoopback)
            throw new InvalidBaseUriException(
                $"The base URI {Describe(uri)} is plain http to another machine: the API key would cross the network unencrypted. " +
                $"Use https (e.g. {CloseConnectionOptions.DefaultBaseUri}); plain http is accepted only for this machine (127.0.0.1, localhost).");
    }

    /// <summary>The URI as it is safe to show: scheme, host, port and path, without a user part or query.</summary>
    public static string Describe(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(relative URI)";
    }
}
