namespace Closeio.Core.Secrets;

/// <summary>
/// Decides which API key a connection uses, in a fixed order: the key given as a parameter, then the
/// <c>CLOSEIO_API_KEY</c> environment variable, then the key saved for the profile. Never prompts:
/// with none of them it throws <see cref="ApiKeyMissingException"/>.
/// </summary>
public static class ApiKeyResolver
{
    /// <summary>The environment variable read when no key is given.</summary>
    public const string EnvironmentVariable = "CLOSEIO_API_KEY";

    /// <summary>Picks the key.</summary>
    /// <param name="givenKey">The key from -ApiKey or -Credential, or null.</param>
    /// <param name="readEnvironment">Reads an environment variable (injected so tests need not change the process).</param>
    /// <param name="savedKey">The profile's saved-key store, or null when there is none to look at.</param>
    /// <exception cref="ApiKeyMissingException">No key anywhere.</exception>
    /// <exception cref="SavedApiKeyException">A saved key exists but cannot be used.</exception>
    public static ResolvedApiKey Resolve(string? givenKey, Func<string, string?> readEnvironment, ApiKeyStore? savedKey)
    {
        ArgumentNullException.ThrowIfNull(readEnvironment);
        if (!string.IsNullOrWhiteSpace(givenKey))
            return new ResolvedApiKey(givenKey.Trim(), ApiKeySource.Parameter);

        var fromEnvironment = readEnvironment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return new ResolvedApiKey(fromEnvironment.Trim(), ApiKeySource.EnvironmentVariable);

        if (savedKey?.Load() is { } saved)
            return new ResolvedApiKey(saved, ApiKeySource.SavedKey);

        throw new ApiKeyMissingException(savedKey?.Path);
    }
}
