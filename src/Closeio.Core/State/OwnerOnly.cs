namespace Closeio.Core.State;

/// <summary>
/// Files of a profile (the profile, its .bak, its lock and lock note, copies of a corrupt profile) are
/// readable and writable by their owner only on Unix (0600), as the saved API key is: a profile names
/// the organization's base URI and the shape of its data, which other local users have no need to see.
/// Windows files inherit the user profile folder's ACL.
/// </summary>
internal static class OwnerOnly
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Options that create a new file (failing if it exists) with mode 0600.</summary>
    public static FileStreamOptions CreateNew() => Options(System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.None);

    /// <summary>Options for <paramref name="mode"/>; a file created by them gets mode 0600.</summary>
    public static FileStreamOptions Options(System.IO.FileMode mode, FileAccess access, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 1 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return options;
    }

    /// <summary>Creates <paramref name="directory"/> (mode 0700 on Unix) when it is missing.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, DirectoryMode);
    }

    /// <summary>Takes group and other permissions away from an existing file (best effort).</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & ~FileMode) != 0) File.SetUnixFileMode(path, mode & FileMode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to change (another user's file): the lock still works.
        }
    }
}
