namespace Closeio.Core.Secrets;

/// <summary>A saved API key exists but cannot be used (unreadable, damaged, or readable by other users).</summary>
public sealed class SavedApiKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="reason">What is wrong with it, in a full sentence.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public SavedApiKeyException(string path, string reason, Exception? inner = null)
        : base($"The saved API key '{path}' cannot be used: {reason} Save the key again with Connect-Closeio -SaveApiKey, or remove the file.", inner)
    {
        Path = path;
    }

    /// <summary>The key file.</summary>
    public string Path { get; }
}
