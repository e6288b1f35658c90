namespace Closeio.Core.State;

/// <summary>
/// The settings a profile keeps between runs. Every value is optional in the file; a missing value
/// means "use the module's default". The API key is never part of the settings.
/// </summary>
public sealed class ProfileSettings
{
    /// <summary>The default look-back (24 hours): how far before a bookmark a run re-reads.</summary>
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromHours(24);

    /// <summary>Where a stream starts when it has no bookmark yet; null = the stream's own default.</summary>
    public DateTimeOffset? StartDate { get; set; }

    /// <summary>How far before a bookmark a run re-reads (Close has streams without a date_updated filter).</summary>
    public TimeSpan LookBack { get; set; } = DefaultLookBack;

    /// <summary>Page size per stream name; a stream not listed uses its default page size.</summary>
    public Dictionary<string, int> PageSizes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The API base URI to use, or null for Close's public API.</summary>
    public string? BaseUri { get; set; }

    /// <summary>Which streams a run syncs when none are named, or null for the module's default set.</summary>
    public List<string>? Streams { get; set; }

    /// <summary>The address of the HTTP proxy to reach Close through, or null for the system proxy. Its credentials are never saved.</summary>
    public string? Proxy { get; set; }

    /// <summary>Whether the proxy is given the current user's default (Windows/Kerberos) credentials.</summary>
    public bool ProxyUseDefaultCredentials { get; set; }

    /// <summary>How long one request attempt may take, or null for the module's default.</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>How many times a failed request is retried, or null for the module's default.</summary>
    public int? MaxRetries { get; set; }
}
