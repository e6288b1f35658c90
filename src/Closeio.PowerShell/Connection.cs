namespace Closeio;

/// <summary>
/// A connection to one Close organization, as Connect-Closeio returns it: who and where, never the
/// key. Pass it to -Connection to talk to several organizations from one script.
/// </summary>
public sealed class Connection
{
    internal Connection(CloseConnection core, RequestLogRelay log, ApiKeySource keySource, string profilePath, bool isSandbox,
        IDisposable? owned = null)
    {
        Core = core;
        Log = log;
        KeySource = keySource;
        ProfilePath = profilePath;
        IsSandbox = isSandbox;
        Owned = owned;
        ConnectedAt = DateTimeOffset.UtcNow;
        CustomFields = new CustomFieldCache(core.Options.TimeProvider);
    }

    /// <summary>The organization's name.</summary>
    public string Organization => Core.Identity.OrganizationName;

    /// <summary>The organization's id (<c>orga_...</c>).</summary>
    public string OrganizationId => Core.Identity.OrganizationId;

    /// <summary>The name of the user the API key belongs to.</summary>
    public string User => Core.Identity.UserName;

    /// <summary>That user's email address.</summary>
    public string Email => Core.Identity.Email;

    /// <summary>That user's id (<c>user_...</c>).</summary>
    public string UserId => Core.Identity.UserId;

    /// <summary>The API's base URI.</summary>
    public Uri BaseUri => Core.BaseUri;

    /// <summary>The HTTP proxy requests go through, or null for the system proxy.</summary>
    public Uri? Proxy => (Core.Options.Proxy as System.Net.WebProxy)?.Address;

    /// <summary>Whether the proxy is given the current user's default credentials.</summary>
    public bool ProxyUseDefaultCredentials => (Core.Options.Proxy as System.Net.WebProxy)?.UseDefaultCredentials ?? false;

    /// <summary>How long one request attempt may take.</summary>
    public TimeSpan Timeout => Core.Options.RequestTimeout;

    /// <summary>How many times a failed request is retried.</summary>
    public int MaximumRetryCount => Core.Options.MaxRetries;

    /// <summary>True for the in-process Sandbox (generated data, no account).</summary>
    public bool IsSandbox { get; }

    /// <summary>Where the key came from: Parameter, EnvironmentVariable, SavedKey or Sandbox.</summary>
    public ApiKeySource KeySource { get; }

    /// <summary>The profile (bookmarks and settings) that commands use by default with this connection.</summary>
    public string ProfilePath { get; }

    /// <summary>When the key was checked.</summary>
    public DateTimeOffset ConnectedAt { get; }

    /// <summary>False once Disconnect-Closeio closed it.</summary>
    public bool IsConnected { get; private set; } = true;

    internal CloseConnection Core { get; }

    internal RequestLogRelay Log { get; }

    /// <summary>
    /// The organization's custom fields as the Get-* commands last read them, kept for a few minutes so
    /// that a loop of Get-CloseioLead calls does not read them every time (Sync-CloseioStream reads its own).
    /// </summary>
    internal CustomFieldCache CustomFields { get; }

    private IDisposable? Owned { get; }

    /// <summary>Masks the key in use wherever text reaches the user: the client's own redactor.</summary>
    internal SecretRedactor Redactor => Core.Client.Redactor;

    internal void Close()
    {
        if (!IsConnected) return;
        IsConnected = false;
        Core.Dispose();
        Owned?.Dispose();
    }

    /// <summary>Organization, user and base URI; never the key.</summary>
    public override string ToString() => Core.ToString();
}
