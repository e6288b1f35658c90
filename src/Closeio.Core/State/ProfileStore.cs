namespace Closeio.Core.State;

/// <summary>
/// Reads and writes one profile file. Writes are atomic (temp file in the same directory, flushed to disk,
/// previous version kept as <c>.bak</c>, then renamed over); a file that cannot be read is never
/// overwritten by accident; <see cref="Lock"/> keeps a second run off the same profile.
/// </summary>
public sealed class ProfileStore
{
    private ProfileStore(string path, string? name)
    {
        Path = path;
        Name = name;
    }

    /// <summary>The profile file.</summary>
    public string Path { get; }

    /// <summary>The profile's name when it was opened by name, otherwise null.</summary>
    public string? Name { get; }

    /// <summary>
    /// The directory of named profiles: <c>%APPDATA%\Closeio</c> on Windows, otherwise
    /// <c>$XDG_CONFIG_HOME/closeio</c> or <c>~/.config/closeio</c>.
    /// </summary>
    public static string DefaultDirectory() => throw new NotImplementedException();

    /// <summary>True when <paramref name="name"/> is a valid profile name: letters, digits, '-', '_' and '.'.</summary>
    public static bool IsValidName(string? name) => throw new NotImplementedException();

    /// <summary>The store of the profile named <paramref name="name"/>: <c>&lt;directory&gt;/&lt;name&gt;.json</c>.</summary>
    /// <param name="name">Letters, digits, '-', '_' and '.'.</param>
    /// <param name="directory">The profiles directory; null for <see cref="DefaultDirectory"/>.</param>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    public static ProfileStore ForName(string name, string? directory = null) => throw new NotImplementedException();

    /// <summary>The store of the profile file at <paramref name="path"/>.</summary>
    public static ProfileStore ForPath(string path) => throw new NotImplementedException();

    /// <summary>The names of the profiles in <paramref name="directory"/> (default: <see cref="DefaultDirectory"/>), sorted.</summary>
    public static IReadOnlyList<string> ListNames(string? directory = null) => throw new NotImplementedException();

    /// <summary>Reads the profile; a missing file gives a new, empty profile.</summary>
    /// <exception cref="ProfileCorruptException">The file exists but cannot be read; it is left untouched.</exception>
    public Profile Load() => throw new NotImplementedException();

    /// <summary>Takes the profile's lock, waiting up to <paramref name="wait"/> for another run to release it.</summary>
    /// <exception cref="ProfileLockedException">Another run still holds the lock after <paramref name="wait"/>.</exception>
    public ProfileLock Lock(TimeSpan wait) => throw new NotImplementedException();

    /// <summary>Takes the profile's lock, failing at once if another run holds it.</summary>
    /// <exception cref="ProfileLockedException">Another run holds the lock.</exception>
    public ProfileLock Lock() => Lock(TimeSpan.Zero);

    /// <summary>Writes <paramref name="profile"/> atomically, keeping the previous version as <c>.bak</c>.</summary>
    /// <exception cref="ProfileCorruptException">The existing file cannot be read, so it is not overwritten.</exception>
    public void Save(Profile profile) => Save(profile, force: false);

    /// <summary>
    /// Writes <paramref name="profile"/> atomically. With <paramref name="force"/>, an existing file that cannot
    /// be read is first copied to <c>&lt;file&gt;.corrupt-&lt;timestamp&gt;</c> and then replaced.
    /// </summary>
    public void Save(Profile profile, bool force) => throw new NotImplementedException();
}
