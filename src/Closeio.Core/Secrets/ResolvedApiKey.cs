namespace Closeio.Core.Secrets;

/// <summary>An API key and where it came from. <see cref="ToString"/> names the source only.</summary>
public sealed class ResolvedApiKey
{
    /// <summary>Creates the pair.</summary>
    public ResolvedApiKey(string key, ApiKeySource source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        Source = source;
    }

    /// <summary>The key itself: hand it to the connection options and nowhere else.</summary>
    public string Key { get; }

    /// <summary>Where the key came from.</summary>
    public ApiKeySource Source { get; }

    /// <summary>Names the source, never the key.</summary>
    public override string ToString() => $"API key from {Source}";
}
