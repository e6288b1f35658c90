namespace Closeio.Core.State;

/// <summary>
/// An exclusive lock held as an open handle that no one else may share (flock on Unix, a sharing mode on
/// Windows): the operating system releases it when its process dies, so no stale lock blocks a later run.
/// </summary>
internal static class LockFile
{
    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Opens <paramref name="lockPath"/> exclusively, trying again until <paramref name="wait"/> has passed
    /// on <paramref name="time"/> (the injected clock decides how long a wait lasts); null when another holder
    /// kept it all along.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The lock file cannot be created or opened by this user.</exception>
    public static FileStream? TryAcquire(string lockPath, TimeSpan wait, TimeProvider time)
    {
        if (wait < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(wait), wait, "The wait cannot be negative.");
        // Short waits poll often; long ones about fifty times, so a wait of hours costs no busy loop.
        var poll = wait / 50;
        poll = poll < MinPoll ? MinPoll : poll > MaxPoll ? MaxPoll : poll;
        var started = time.GetUtcNow();
        while (true)
        {
            if (TryOpen(lockPath) is { } handle) return handle;
            var remaining = wait - (time.GetUtcNow() - started);
            if (remaining <= TimeSpan.Zero) return null;
            Task.Delay(remaining < poll ? remaining : poll, time).GetAwaiter().GetResult();
        }
    }

    private static FileStream? TryOpen(string lockPath)
    {
        try
        {
            // The file is not deleted on close: on Unix, deleting it lets a waiter that had already opened the
            // old file lock an orphan while a third run locks a new file. An unheld lock file blocks no one.
            var handle = new FileStream(lockPath, OwnerOnly.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            OwnerOnly.Restrict(lockPath);
            return handle;
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            return null;   // a sharing violation: someone else holds it
        }
    }
}
