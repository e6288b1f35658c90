namespace Closeio.Core.State;

/// <summary>
/// Replaces a file's contents so that a reader, or a crash, sees either the old version or the new one:
/// write a temp file in the same directory, flush it to disk, keep the old file as <c>.bak</c>, rename over.
/// Every file it creates is owner-only (0600 on Unix) from the moment it exists, so the renamed result is too.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The backup of <paramref name="path"/>'s previous version.</summary>
    public static string BackupPath(string path) => path + ".bak";

    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The file to replace (or create).</param>
    /// <param name="contents">The new contents.</param>
    /// <param name="keepBackup">Copy the current file to <c>.bak</c> first.</param>
    /// <param name="beforeCommit">Called with the temp file's path once it is on disk, before the rename
    /// (a test seam for an interruption at the worst moment).</param>
    public static void Write(string path, byte[] contents, bool keepBackup, Action<string>? beforeCommit = null)
    {
        var directory = Path.GetDirectoryName(path)!;
        OwnerOnly.EnsureDirectory(directory);

        // Same directory, so the final rename never crosses file systems and stays atomic; a unique name, so a
        // temp file left by a crashed write never gets in the way.
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, OwnerOnly.CreateNew()))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            if (keepBackup && File.Exists(path))
            {
                CopyDurably(path, BackupPath(path));
            }

            beforeCommit?.Invoke(temp);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> through a temp file, so a
    /// crash never leaves a half-written destination.</summary>
    public static void CopyDurably(string source, string destination)
    {
        var directory = Path.GetDirectoryName(destination)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read))
            using (var output = new FileStream(temp, OwnerOnly.CreateNew()))
            {
                input.CopyTo(output);
                output.Flush(flushToDisk: true);
            }

            File.Move(temp, destination, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless (unique name, never read).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
