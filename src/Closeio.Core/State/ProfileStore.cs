namespace Closeio.Core.State;

/// <summary>
/// Reads and writes one profile file. Writes are atomic (temp file in the same directory, flushed to disk,
/// previous version kept as <c>.bak</c>, then renamed over); a file that cannot be read is never
/// overwritten by accident; <see cref="Lock(TimeSpan)"/> keeps a second run off the same profile.
/// </summary>
public sealed class ProfileStore
{
    private ProfileStore(string path, string? name)
    {
        // Links are followed: a run through a link and a run through its target share one lock, and an
        // atomic write replaces the target, not the link.
        Path = FileLinks.Resolve(path);
        Name = name;
    }

    /// <summary>The profile file (a full path, symbolic links resolved).</summary>
    public string Path { get; }

    /// <summary>The profile's name when it was opened by name, otherwise null.</summary>
    public string? Name { get; }

    /// <summary>The clock used for the lock's owner note and the corrupt-copy file name.</summary>
    internal TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Test seam: called with the temp file's path just before it is renamed over the profile.</summary>
    internal Action<string>? BeforeCommit { get; set; }

    /// <summary>
    /// The directory of named profiles: <c>%APPDATA%\Closeio</c> on Windows, otherwise
    /// <c>$XDG_CONFIG_HOME/closeio</c> or <c>~/.config/closeio</c>.
    /// </summary>
    public static string DefaultDirectory() => ProfileDirectory.Default();

    /// <summary>True when <paramref name="name"/> is a valid profile name: letters, digits, '-', '_' and '.'
    /// (not first), at most 100 characters.</summary>
    public static bool IsValidName(string? name) => ProfileDirectory.IsValidName(name);

    /// <summary>The store of the profile named <paramref name="name"/>: <c>&lt;directory&gt;/&lt;name&gt;.json</c>.</summary>
    /// <param name="name">Letters, digits, '-', '_' and '.'.</param>
    /// <param name="directory">The profiles directory; null for <see cref="DefaultDirectory"/>.</param>
    /// <exception cref="ArgumentException">The name is not valid; the message says what is allowed.</exception>
    public static ProfileStore ForName(string name, string? directory = null) =>
        new(ProfileDirectory.PathFor(name, directory ?? DefaultDirectory()), name);

    /// <summary>The store of the profile file at <paramref name="path"/> (relative paths are made full).</summary>
    /// <exception cref="ArgumentException">The path is empty or names a directory.</exception>
    public static ProfileStore ForPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"'{full}' is a directory; a profile is a file, e.g. '{System.IO.Path.Combine(full, "profile.json")}'.", nameof(path));
        }

        return new ProfileStore(full, null);
    }

    /// <summary>The names of the profiles in <paramref name="directory"/> (default: <see cref="DefaultDirectory"/>),
    /// sorted; for tab completion.</summary>
    public static IReadOnlyList<string> ListNames(string? directory = null) =>
        ProfileDirectory.ListNames(directory ?? DefaultDirectory());

    /// <summary>Reads the profile; a missing file gives a new, empty profile.</summary>
    /// <exception cref="ProfileCorruptException">The file exists but cannot be read; it is left untouched.</exception>
    public Profile Load()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new Profile();
        }

        return Parse(bytes);
    }

    /// <summary>Takes the profile's lock, waiting up to <paramref name="wait"/> for another run to release it.</summary>
    /// <exception cref="ProfileLockedException">Another run still holds the lock after <paramref name="wait"/>.</exception>
    /// <exception cref="ProfileNotWritableException">The lock file cannot be created in the profile's folder.</exception>
    public ProfileLock Lock(TimeSpan wait) => Lock(wait, Time);

    /// <summary>Takes the profile's lock, waiting up to <paramref name="wait"/> as measured on <paramref name="time"/>.</summary>
    internal ProfileLock Lock(TimeSpan wait, TimeProvider time) => ProfileLock.Acquire(Path, Name ?? Path, wait, time);

    /// <summary>Takes the profile's lock, failing at once if another run holds it.</summary>
    /// <exception cref="ProfileLockedException">Another run holds the lock.</exception>
    public ProfileLock Lock() => Lock(TimeSpan.Zero);

    /// <summary>Writes <paramref name="profile"/> atomically, keeping the previous version as <c>.bak</c>.</summary>
    /// <exception cref="ProfileCorruptException">The existing file cannot be read, so it is not overwritten.</exception>
    public void Save(Profile profile) => Save(profile, force: false);

    /// <summary>
    /// Writes <paramref name="profile"/> atomically, keeping the previous version as <c>.bak</c>. An existing
    /// file that cannot be read is refused (<see cref="ProfileCorruptException"/>) unless
    /// <paramref name="force"/> is set: then it is first copied to <c>&lt;file&gt;.corrupt-&lt;timestamp&gt;</c>
    /// and replaced, and the <c>.bak</c> keeps the last good version.
    /// </summary>
    public void Save(Profile profile, bool force)
    {
        ArgumentNullException.ThrowIfNull(profile);

        // Serialize before touching the disk: a failure here changes nothing.
        var contents = ProfileJson.Serialize(profile);

        var keepBackup = true;
        if (File.Exists(Path))
        {
            try
            {
                // Re-read rather than trust an earlier Load: someone may have edited the file since.
                Parse(File.ReadAllBytes(Path));
            }
            catch (ProfileCorruptException) when (force)
            {
                try
                {
                    AtomicFile.CopyDurably(Path, CorruptCopyPath());
                }
                catch (UnauthorizedAccessException ex)
                {
                    throw new ProfileNotWritableException(Path, Path, ex);
                }
                keepBackup = false;
            }
        }

        try
        {
            AtomicFile.Write(Path, contents, keepBackup, BeforeCommit);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ProfileNotWritableException(Path, Path, ex);
        }
    }

    private Profile Parse(byte[] bytes)
    {
        try
        {
            return ProfileJson.Deserialize(bytes);
        }
        catch (JsonException ex)
        {
            var reason = bytes.Length == 0 ? "the file is empty." : $"it is not valid JSON ({ex.Message}).";
            throw new ProfileCorruptException(Path, reason, ex);
        }
        catch (InvalidDataException ex)
        {
            throw new ProfileCorruptException(Path, ex.Message, ex);
        }
    }

    private string CorruptCopyPath()
    {
        var stamp = Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var candidate = $"{Path}.corrupt-{stamp}";
        for (var n = 2; File.Exists(candidate); n++)
        {
            candidate = $"{Path}.corrupt-{stamp}-{n}";
        }

        return candidate;
    }
}
