using Closeio.Core.Http;

namespace Closeio.Core;

/// <summary>
/// A checked connection to one Close organization: the options, one <see cref="CloseClient"/>, and
/// the identity the key belongs to (from <c>GET me/</c>). Dispose it to release the HTTP client.
/// </summary>
public sealed class CloseConnection : IDisposable
{
    private CloseConnection(CloseConnectionOptions options, CloseClient client, CloseIdentity identity)
    {
        Options = options;
        Client = client;
        Identity = identity;
    }

    /// <summary>The options the connection was made with.</summary>
    public CloseConnectionOptions Options { get; }

    /// <summary>The client every request of this connection goes through.</summary>
    public CloseClient Client { get; }

    /// <summary>The user and organization behind the API key.</summary>
    public CloseIdentity Identity { get; }

    /// <summary>The base URI of the API.</summary>
    public Uri BaseUri => Client.BaseUri;

    /// <summary>
    /// Creates the client and checks the key with <c>GET me/</c>.
    /// </summary>
    /// <exception cref="CloseApiException">The key was refused or Close could not be reached.</exception>
    public static async Task<CloseConnection> ConnectAsync(CloseConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new CloseClient(options);
        try
        {
            var identity = await client.GetIdentityAsync(cancellationToken).ConfigureAwait(false);
            return new CloseConnection(options, client, identity);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Names the organization, the user and the base URI; never the key.</summary>
    public override string ToString() =>
        $"{Identity.OrganizationName} ({Identity.OrganizationId}) as {Identity.UserName} <{Identity.Email}> at {BaseUri}";

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
