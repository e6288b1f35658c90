namespace Closeio.Core.State;

/// <summary>
/// Exclusive ownership of a profile for one run. Dispose to release it. The lock is an open file handle, so
/// when a process dies the operating system releases it and no stale lock can block the next run.
/// </summary>
public sealed class ProfileLock : IDisposable
{
    private readonly FileStream _handle;

    internal ProfileLock(string profilePath, string lockPath, FileStream handle)
    {
        ProfilePath = profilePath;
        LockPath = lockPath;
        _handle = handle;
    }

    /// <summary>The profile file this lock protects.</summary>
    public string ProfilePath { get; }

    /// <summary>The lock file (<c>&lt;profile&gt;.lock</c>).</summary>
    public string LockPath { get; }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _handle.Dispose();
}
