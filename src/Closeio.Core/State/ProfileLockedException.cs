namespace Closeio.Core.State;

/// <summary>Another run holds the profile's lock, and the caller did not wait (or did not wait long enough).</summary>
/// <param name="profile">The profile's name, or its path when it has none.</param>
/// <param name="path">The profile file.</param>
/// <param name="holder">Who holds the lock (process, host, start), if known.</param>
/// <param name="waited">How long the caller waited for the lock.</param>
/// <param name="inner">The file system's refusal, if any.</param>
public sealed class ProfileLockedException(string profile, string path, string? holder, TimeSpan waited, Exception? inner = null)
    : Exception(BuildMessage(profile, path, holder, waited), inner)
{
    /// <summary>The profile's name, or its path when it has none.</summary>
    public string Profile { get; } = profile;

    /// <summary>The profile file.</summary>
    public string Path { get; } = path;

    /// <summary>Who holds the lock, as the holder recorded it; null when unknown.</summary>
    public string? Holder { get; } = holder;

    /// <summary>How long the caller waited before giving up.</summary>
    public TimeSpan Waited { get; } = waited;

    private static string BuildMessage(string profile, string path, string? holder, TimeSpan waited)
    {
        var which = profile == path ? $"'{path}'" : $"'{profile}' ({path})";
        var who = string.IsNullOrWhiteSpace(holder) ? "another run" : $"another run ({holder})";
        var how = waited > TimeSpan.Zero
            ? $" and was not released within {waited.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s"
            : "";
        return $"The profile {which} is in use by {who}{how}. Wait for that run to finish and try again, " +
               "or let this run wait for the lock up to a time you choose (-WaitForLock, for example -WaitForLock 00:10:00). " +
               "The lock is released as soon as the other run ends, even if it crashed.";
    }
}
