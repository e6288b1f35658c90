namespace Closeio.Core.State;

/// <summary>
/// Resolves symbolic links in a path, component by component, so that a profile (or an output file)
/// reached through a link and through its target is one file: one lock, one owner, and atomic writes
/// that replace the target instead of the link.
/// </summary>
internal static class FileLinks
{
    // As the kernel does (ELOOP): a chain this long is a loop.
    private const int MaxLinks = 40;

    /// <summary>The full path of <paramref name="path"/> with every link in it followed; parts that do
    /// not exist yet are kept as they are.</summary>
    /// <exception cref="IOException">The links form a loop.</exception>
    public static string Resolve(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        var parent = Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(parent)) return full;   // a root
        var name = Path.GetFileName(full);
        if (string.IsNullOrEmpty(name)) return full;
        var current = Path.Combine(Resolve(parent, ref links), name);
        while (true)
        {
            string? target;
            try
            {
                target = new FileInfo(current).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return current;   // not readable as a link: use it as it is
            }

            if (target is null) return current;
            if (++links > MaxLinks) throw new IOException($"Too many levels of symbolic links resolving '{full}'.");
            var directory = Path.GetDirectoryName(current)!;
            var next = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(directory, target));
            // The target's own directories may be links too.
            current = Resolve(next, ref links);
        }
    }
}
