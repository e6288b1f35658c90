namespace Closeio.Core.State;

/// <summary>
/// Exclusive ownership of a profile for one run; dispose to release it. The lock is an open handle on
/// <c>&lt;profile&gt;.lock</c> that no one else may share, so when a process dies the operating system
/// releases it and no stale lock can block the next run. The holder writes who it is to
/// <c>&lt;profile&gt;.lock.owner</c> so that a refused run can say who is in the way.
/// </summary>
public sealed class ProfileLock : IDisposable
{
    private readonly FileStream _handle;
    private bool _disposed;

    private ProfileLock(string profilePath, FileStream handle)
    {
        ProfilePath = profilePath;
        _handle = handle;
    }

    /// <summary>The profile file this lock protects.</summary>
    public string ProfilePath { get; }

    /// <summary>The lock file (<c>&lt;profile&gt;.lock</c>).</summary>
    public string LockPath => LockPathOf(ProfilePath);

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Remove the owner note first, while still holding the lock, so it never describes a released lock
        // that someone else now holds.
        TryDelete(OwnerPathOf(ProfilePath));
        _handle.Dispose();
    }

    internal static string LockPathOf(string profilePath) => profilePath + ".lock";

    internal static string OwnerPathOf(string profilePath) => profilePath + ".lock.owner";

    /// <summary>Takes the lock of <paramref name="profilePath"/>, retrying until <paramref name="wait"/> has passed
    /// on <paramref name="time"/>.</summary>
    /// <exception cref="ProfileLockedException">Another run kept the lock all along.</exception>
    /// <exception cref="ProfileNotWritableException">The lock file cannot be created in the profile's folder.</exception>
    internal static ProfileLock Acquire(string profilePath, string displayName, TimeSpan wait, TimeProvider time)
    {
        if (wait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(wait), wait, "The wait cannot be negative.");
        }

        var lockPath = LockPathOf(profilePath);
        FileStream? handle;
        try
        {
            OwnerOnly.EnsureDirectory(Path.GetDirectoryName(lockPath)!);
            handle = LockFile.TryAcquire(lockPath, wait, time);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ProfileNotWritableException(profilePath, lockPath, ex);
        }

        if (handle is null)
        {
            throw new ProfileLockedException(displayName, profilePath, ReadOwner(profilePath), wait);
        }

        var acquired = new ProfileLock(profilePath, handle);
        acquired.WriteOwner(time);
        return acquired;
    }

    private void WriteOwner(TimeProvider time)
    {
        try
        {
            var owner = $"process {Environment.ProcessId} on {Environment.MachineName}, " +
                        $"started {CloseTimestamp.Format(time.GetUtcNow())}";
            var path = OwnerPathOf(ProfilePath);
            using (var note = new FileStream(path, OwnerOnly.Options(FileMode.Create, FileAccess.Write, FileShare.Read)))
            {
                note.Write(System.Text.Encoding.UTF8.GetBytes(owner));
            }

            OwnerOnly.Restrict(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The note only improves another run's error message; the lock itself is held.
        }
    }

    private static string? ReadOwner(string profilePath)
    {
        try
        {
            var text = File.ReadAllText(OwnerPathOf(profilePath)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stale owner note is overwritten by the next holder.
        }
    }
}
