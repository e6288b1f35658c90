namespace Closeio;

/// <summary>
/// A profile's saved connection settings, as Get-CloseioConnection -ProfileName shows them: where and
/// how Connect-Closeio -ProfileName will connect. Whether a key is saved, never the key.
/// </summary>
public sealed class SavedConnection
{
    internal SavedConnection(string? profileName, string profilePath, ConnectionSettings settings, bool hasSavedApiKey)
    {
        ProfileName = profileName;
        ProfilePath = profilePath;
        BaseUri = settings.EffectiveBaseUri;
        IsDefaultBaseUri = settings.BaseUri is null;
        Proxy = settings.Proxy;
        ProxyUseDefaultCredentials = settings.ProxyUseDefaultCredentials ?? false;
        Timeout = settings.RequestTimeout;
        MaximumRetryCount = settings.MaxRetries;
        HasSavedApiKey = hasSavedApiKey;
    }

    /// <summary>The profile's name, or null for a profile given by path.</summary>
    public string? ProfileName { get; }

    /// <summary>The profile file.</summary>
    public string ProfilePath { get; }

    /// <summary>The base URI a connect with this profile uses.</summary>
    public Uri BaseUri { get; }

    /// <summary>True when the profile names no base URI (Close's public API).</summary>
    public bool IsDefaultBaseUri { get; }

    /// <summary>The saved proxy address, or null for the system proxy.</summary>
    public Uri? Proxy { get; }

    /// <summary>Whether the proxy is given the current user's default credentials.</summary>
    public bool ProxyUseDefaultCredentials { get; }

    /// <summary>The saved request timeout, or null for the module's default.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The saved retry count, or null for the module's default.</summary>
    public int? MaximumRetryCount { get; }

    /// <summary>Whether an API key is saved for the profile (the key itself is never shown).</summary>
    public bool HasSavedApiKey { get; }

    /// <summary>The profile and where it connects.</summary>
    public override string ToString() => $"{ProfileName ?? ProfilePath} -> {BaseUri}";
}
