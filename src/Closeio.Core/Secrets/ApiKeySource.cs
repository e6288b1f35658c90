namespace Closeio.Core.Secrets;

/// <summary>Where the API key of a connection came from. Says nothing about the key itself.</summary>
public enum ApiKeySource
{
    /// <summary>Given as a parameter (a SecureString or the password of a credential).</summary>
    Parameter,
    /// <summary>Read from the <c>CLOSEIO_API_KEY</c> environment variable.</summary>
    EnvironmentVariable,
    /// <summary>Read from the key saved, protected, for the profile.</summary>
    SavedKey,
    /// <summary>The Sandbox's own key (not a secret).</summary>
    Sandbox,
}
