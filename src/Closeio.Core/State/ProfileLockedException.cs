namespace Closeio.Core.State;

/// <summary>Another run holds the profile's lock, and the caller did not wait (or waited long enough).</summary>
public sealed class ProfileLockedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The profile file.</param>
    /// <param name="holder">What the lock file says about its holder (process, host, start), if readable.</param>
    /// <param name="waited">How long the caller waited for the lock.</param>
    public ProfileLockedException(string path, string? holder, TimeSpan waited)
        : base(BuildMessage(path, holder, waited))
    {
        Path = path;
        Holder = holder;
        Waited = waited;
    }

    /// <summary>The profile file.</summary>
    public string Path { get; }

    /// <summary>Who holds the lock, as recorded in the lock file; null when it could not be read.</summary>
    public string? Holder { get; }

    /// <summary>How long the caller waited before giving up.</summary>
    public TimeSpan Waited { get; }

    private static string BuildMessage(string path, string? holder, TimeSpan waited)
    {
        var who = string.IsNullOrWhiteSpace(holder) ? "another run" : $"another run ({holder})";
        var how = waited > TimeSpan.Zero ? $" after waiting {waited.TotalSeconds:0.###} s" : "";
        return $"The profile '{path}' is in use by {who}{how}. Wait for that run to finish, " +
               "or ask this run to wait for the lock; if no run is active, the lock is released automatically.";
    }
}
