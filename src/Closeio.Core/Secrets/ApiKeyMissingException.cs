namespace Closeio.Core.Secrets;

/// <summary>No API key was given and none could be found: the message says every place that was looked at.</summary>
public sealed class ApiKeyMissingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="savedKeyPath">The saved-key file that was looked for, if any.</param>
    public ApiKeyMissingException(string? savedKeyPath)
        : base(
            "No Close API key was given. Pass -ApiKey (a SecureString) or -Credential (the key as the password), " +
            $"or set the {ApiKeyResolver.EnvironmentVariable} environment variable" +
            (savedKeyPath is null ? "" : $", or save a key for this profile with -SaveApiKey (looked for '{savedKeyPath}')") +
            ". To try the module without an account, use Connect-Closeio -Sandbox.")
    {
        SavedKeyPath = savedKeyPath;
    }

    /// <summary>The saved-key file that was looked for, if any.</summary>
    public string? SavedKeyPath { get; }
}
