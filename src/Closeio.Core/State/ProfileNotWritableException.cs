namespace Closeio.Core.State;

/// <summary>
/// A profile (or its lock) could not be written because the operating system refused access, typically a
/// read-only profile folder. The profile on disk, if any, is unchanged.
/// </summary>
public sealed class ProfileNotWritableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The profile file.</param>
    /// <param name="refused">The file the operating system refused to create or replace.</param>
    /// <param name="inner">The refusal.</param>
    public ProfileNotWritableException(string path, string refused, Exception inner)
        : base(BuildMessage(path, refused), inner)
    {
        Path = path;
        Folder = System.IO.Path.GetDirectoryName(path) ?? path;
    }

    /// <summary>The profile file.</summary>
    public string Path { get; }

    /// <summary>The folder the profile lives in.</summary>
    public string Folder { get; }

    private static string BuildMessage(string path, string refused)
    {
        var folder = System.IO.Path.GetDirectoryName(path) ?? path;
        return $"The profile '{path}' could not be written: access to '{refused}' was denied, so this user cannot " +
               $"create or replace files in the folder '{folder}'. The profile was left as it was. Make that folder " +
               "writable for this user (for example chmod u+w on Unix, or the folder's Security settings on Windows), " +
               "or use a profile in a folder this user can write (-ProfilePath).";
    }
}
