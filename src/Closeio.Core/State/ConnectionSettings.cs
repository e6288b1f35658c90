namespace Closeio.Core.State;

/// <summary>
/// Where and how to reach Close, as a profile keeps it between sessions: base URI, proxy address,
/// whether the proxy gets the user's default credentials, request timeout and retry count. A null
/// value means "not set" (the module's default applies). Never holds a secret: neither the API key
/// nor proxy credentials.
/// </summary>
public sealed record ConnectionSettings
{
    /// <summary>The API's base URI, or null for Close's public API.</summary>
    public Uri? BaseUri { get; init; }

    /// <summary>The HTTP proxy's address, or null for the system proxy.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>Whether the proxy is given the current user's default credentials; null when not set.</summary>
    public bool? ProxyUseDefaultCredentials { get; init; }

    /// <summary>How long one request attempt may take; null for the default.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>How many times a failed request is retried; null for the default.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>True when nothing is set.</summary>
    public bool IsEmpty => BaseUri is null && Proxy is null && ProxyUseDefaultCredentials is null &&
                           RequestTimeout is null && MaxRetries is null;

    /// <summary>These settings, with each value not set here taken from <paramref name="fallback"/>.</summary>
    public ConnectionSettings Over(ConnectionSettings fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new ConnectionSettings
        {
            BaseUri = BaseUri ?? fallback.BaseUri,
            Proxy = Proxy ?? fallback.Proxy,
            ProxyUseDefaultCredentials = ProxyUseDefaultCredentials ?? fallback.ProxyUseDefaultCredentials,
            RequestTimeout = RequestTimeout ?? fallback.RequestTimeout,
            MaxRetries = MaxRetries ?? fallback.MaxRetries,
        };
    }

    /// <summary>The base URI to connect to: the one set, else Close's public API.</summary>
    public Uri EffectiveBaseUri => BaseUri ?? CloseConnectionOptions.DefaultBaseUri;

    /// <summary>The settings saved in <paramref name="store"/>'s profile (all unset when it has none).</summary>
    /// <exception cref="ProfileCorruptException">The profile cannot be read: connecting elsewhere than it says would be worse than failing.</exception>
    public static ConnectionSettings Load(ProfileStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return From(store.Load().Settings);
    }

    /// <summary>
    /// Saves the values set in <paramref name="given"/> into <paramref name="store"/>'s profile, under its
    /// lock, keeping every other setting and the bookmarks. Values not set keep what the profile had.
    /// </summary>
    /// <returns>The profile's connection settings after the save.</returns>
    /// <exception cref="ProfileLockedException">A sync is using the profile.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read; it is left untouched.</exception>
    public static ConnectionSettings Save(ProfileStore store, ConnectionSettings given)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(given);
        using (store.Lock())
        {
            var profile = store.Load();
            var s = profile.Settings;
            if (given.BaseUri is { } baseUri) s.BaseUri = baseUri.AbsoluteUri;
            if (given.Proxy is { } proxy) s.Proxy = proxy.AbsoluteUri;
            if (given.ProxyUseDefaultCredentials is { } useDefault) s.ProxyUseDefaultCredentials = useDefault;
            if (given.RequestTimeout is { } timeout) s.RequestTimeout = timeout;
            if (given.MaxRetries is { } retries) s.MaxRetries = retries;
            store.Save(profile);
            return From(s);
        }
    }

    private static ConnectionSettings From(ProfileSettings s) => new()
    {
        BaseUri = AbsoluteOrNull(s.BaseUri),
        Proxy = AbsoluteOrNull(s.Proxy),
        ProxyUseDefaultCredentials = s.ProxyUseDefaultCredentials ? true : null,
        RequestTimeout = s.RequestTimeout,
        MaxRetries = s.MaxRetries,
    };

    private static Uri? AbsoluteOrNull(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
}
