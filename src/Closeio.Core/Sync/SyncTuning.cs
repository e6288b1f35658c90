namespace Closeio.Core.Sync;

/// <summary>
/// The engine's limits. The defaults follow Close's documented limits; tests lower them to match a
/// Sandbox configured with small caps so that the edge cases happen with small organizations.
/// </summary>
public sealed class SyncTuning
{
    /// <summary>
    /// Most objects one <c>data/search/</c> query yields (Close: 10,000). When a lead query reaches it,
    /// the engine starts a new query at the last delivered <c>date_updated</c>.
    /// </summary>
    public int SearchResultCap { get; init; } = 10_000;

    /// <summary>
    /// The largest <c>_skip</c> the engine will send. A window that still has more at this offset is
    /// split, so the server's own <c>max_skip</c> (unknown to the client) is never reached.
    /// </summary>
    public int SkipThreshold { get; init; } = 1_000;

    /// <summary>Save the profile after about this many accepted records.</summary>
    public int CheckpointEveryRecords { get; init; } = 1_000;

    /// <summary>Save the profile at least this often while records are being accepted (session clock).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many events may wait for the consumer before readers pause (the bounded hand-off).</summary>
    public int HandOffCapacity { get; init; } = 256;

    /// <summary>How long <see cref="SyncSession.Start"/> waits for another run's profile lock, and for another run's
    /// hold on an output file, measured on the connection's clock (0 = fail at once).</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.Zero;

    /// <summary>Page sizes by stream name; a stream not listed uses the profile's, else Close's known maximum.</summary>
    public IReadOnlyDictionary<string, int>? PageSizes { get; init; }

    /// <summary>How far back the event log reaches (Close keeps 30 days).</summary>
    public TimeSpan EventLogRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How much of the event log before the bookmark each run re-scans (events are consolidated later).</summary>
    public TimeSpan EventLogRescan { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When the server's answer carries no <c>Date</c> header, the run's bounds come from the local clock,
    /// which may run ahead of the server's: the activities watermark is then set this much before it
    /// (instead of 1 s), so an edit made after the run by the server's clock is not taken as already seen.
    /// </summary>
    public TimeSpan LocalClockMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The widest window one request covers. Windows start as wide as the whole range and shrink only
    /// where records are dense, so by default there is no practical limit (a quiet history costs one request).
    /// </summary>
    public TimeSpan MaxWindow { get; init; } = TimeSpan.FromDays(365 * 100);
}
