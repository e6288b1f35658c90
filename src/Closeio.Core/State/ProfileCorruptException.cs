namespace Closeio.Core.State;

/// <summary>
/// A profile file exists but cannot be read: invalid JSON, a shape this module does not know, or a schema
/// version written by a newer module. The file is left exactly as it was.
/// </summary>
public sealed class ProfileCorruptException : Exception
{
    /// <summary>Creates the exception for the file at <paramref name="path"/>.</summary>
    /// <param name="path">The profile file.</param>
    /// <param name="reason">What is wrong, e.g. the JSON parser's message.</param>
    /// <param name="inner">The parser's exception, if any.</param>
    public ProfileCorruptException(string path, string reason, Exception? inner = null)
        : base(
            $"The profile '{path}' cannot be read: {reason} The file has been left untouched; " +
            "fix it by hand, restore it from its .bak copy, or overwrite it explicitly with force (a copy of the file is kept first).",
            inner)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The profile file that could not be read.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it (the parse error or the schema problem).</summary>
    public string Reason { get; }
}
