using System.Diagnostics;
using Closeio.Core.Records;

namespace Closeio.Core.State;

/// <summary>
/// Exclusive ownership of a profile for one run; dispose to release it. The lock is an open handle on
/// <c>&lt;profile&gt;.lock</c> that no one else may share, so when a process dies the operating system
/// releases it and no stale lock can block the next run. The holder writes who it is to
/// <c>&lt;profile&gt;.lock.owner</c> so that a refused run can say who is in the way.
/// </summary>
public sealed class ProfileLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

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

    /// <summary>Takes the lock of <paramref name="profilePath"/>, retrying until <paramref name="wait"/> has passed.</summary>
    internal static ProfileLock Acquire(string profilePath, string displayName, TimeSpan wait, TimeProvider time)
    {
        if (wait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(wait), wait, "The wait cannot be negative.");
        }

        var lockPath = LockPathOf(profilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);

        // Real time on purpose: the other holder is another process, which no injected clock controls.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            IOException failure;
            try
            {
                var handle = OpenExclusive(lockPath);
                var acquired = new ProfileLock(profilePath, handle);
                acquired.WriteOwner(time);
                return acquired;
            }
            catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
            {
                // A sharing violation: someone else holds it.
                failure = ex;
            }

            var remaining = wait - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new ProfileLockedException(displayName, profilePath, ReadOwner(profilePath), wait, failure);
            }

            Thread.Sleep(remaining < PollInterval ? remaining : PollInterval);
        }
    }

    private static FileStream OpenExclusive(string lockPath) =>
        // The file is not deleted on close: on Unix, deleting it lets a waiter that had already opened the old
        // file lock an orphan while a third run locks a new file. An unheld lock file blocks no one.
        new(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);

    private void WriteOwner(TimeProvider time)
    {
        try
        {
            var owner = $"process {Environment.ProcessId} on {Environment.MachineName}, " +
                        $"started {CloseTimestamp.Format(time.GetUtcNow())}";
            File.WriteAllText(OwnerPathOf(ProfilePath), owner);
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
