namespace Closeio.Core.Output;

/// <summary>
/// One output file held by one profile for one run. Two things make it so: an exclusive lock on
/// <c>&lt;file&gt;.lock</c> while the run writes (another run, of any profile, is refused at once instead of
/// interleaving rows; the operating system drops the lock if the process dies), and an owner note,
/// <c>&lt;file&gt;.owner</c>, naming the profile whose bookmarks cover the file's rows. A file whose note names
/// another profile is never opened, so it is never cut or appended to by a profile that did not write it.
/// Dispose to release the lock; the note stays.
/// </summary>
public sealed class OutputFileClaim : IDisposable
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly FileStream _lock;

    private OutputFileClaim(string filePath, FileStream handle, bool tookOver)
    {
        FilePath = filePath;
        _lock = handle;
        TookOver = tookOver;
    }

    /// <summary>The output file (full path, links resolved).</summary>
    public string FilePath { get; }

    /// <summary>True when the file already held data but no owner note, and this profile became its owner.</summary>
    public bool TookOver { get; }

    /// <summary>The lock file of <paramref name="file"/>.</summary>
    public static string LockPathOf(string file) => file + ".lock";

    /// <summary>The owner note of <paramref name="file"/>.</summary>
    public static string OwnerPathOf(string file) => file + ".owner";

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// Takes <paramref name="file"/> for the profile at <paramref name="profilePath"/>: locks it (waiting up to
    /// <paramref name="wait"/> on <paramref name="time"/>), then checks or writes its owner note.
    /// </summary>
    /// <exception cref="OutputFileOwnedException">Another run holds the file, or another profile owns it.</exception>
    public static OutputFileClaim Acquire(string file, string profilePath, TimeSpan wait, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        ArgumentException.ThrowIfNullOrEmpty(profilePath);
        ArgumentNullException.ThrowIfNull(time);
        var note = OwnerPathOf(file);
        var handle = LockFile.TryAcquire(LockPathOf(file), wait, time)
                     ?? throw new OutputFileOwnedException(file, profilePath, ReadOwner(note).Owner, note, inUse: true);
        try
        {
            var (noted, owner) = ReadOwner(note);
            if (noted)
            {
                if (owner is null || !SameFile(owner, profilePath))
                    throw new OutputFileOwnedException(file, profilePath, owner, note, inUse: false);
                return new OutputFileClaim(file, handle, tookOver: false);
            }

            var hadData = File.Exists(file) && new FileInfo(file).Length > 0;
            WriteOwner(note, profilePath, time);
            return new OutputFileClaim(file, handle, hadData);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static bool SameFile(string recorded, string profilePath)
    {
        string resolved;
        try
        {
            resolved = FileLinks.Resolve(recorded);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            resolved = recorded;
        }

        return string.Equals(resolved, profilePath, PathComparison);
    }

    /// <summary>Whether a note exists, and the profile it names (null when it cannot be read).</summary>
    private static (bool Noted, string? Owner) ReadOwner(string note)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(note);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (false, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (true, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.ValueKind == JsonValueKind.Object &&
                   doc.RootElement.TryGetProperty("profile", out var p) && p.ValueKind == JsonValueKind.String &&
                   !string.IsNullOrWhiteSpace(p.GetString())
                ? (true, p.GetString())
                : (true, null);
        }
        catch (JsonException)
        {
            return (true, null);
        }
    }

    private static void WriteOwner(string note, string profilePath, TimeProvider time)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("profile", profilePath);
            w.WriteString("claimed", CloseTimestamp.Format(time.GetUtcNow()));
            w.WriteString("note", "The CloseioPS profile whose bookmarks cover this file's rows; other profiles do not write it.");
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        AtomicFile.Write(note, buffer.ToArray(), keepBackup: false);
    }
}
