namespace Closeio.Core.Sync;

/// <summary>One stream's part of a session: its counters, its bookmark tracker, its file, its outcome.</summary>
internal sealed class StreamRun
{
    public StreamRun(StreamDefinition definition, BookmarkTracker tracker)
    {
        Definition = definition;
        Tracker = tracker;
    }

    public StreamDefinition Definition { get; }

    public string Name => Definition.Name;

    public BookmarkTracker Tracker { get; }

    public RequestCounters Counters { get; } = new();

    public DateTimeOffset Started { get; set; }

    public DateTimeOffset? Ended { get; set; }

    /// <summary>Records handed out (read and admitted) so far.</summary>
    public long Emitted;

    /// <summary><c>completed</c>, <c>failed</c>, <c>interrupted</c>; null while running.</summary>
    public string? Outcome { get; set; }

    public string? Error { get; set; }

    public StreamRunSummary Summarize(DateTimeOffset now) => new()
    {
        Stream = Name,
        Started = Started,
        Ended = Ended ?? now,
        Records = Tracker.Accepted,
        Requests = Counters.Requests,
        Retries = Counters.Retries,
        RateLimited = Counters.RateLimited,
        Errors = Counters.Errors,
        Outcome = Outcome ?? SyncOutcome.Interrupted,
        Error = Error,
    };
}

/// <summary>The outcomes a stream's run summary can record.</summary>
public static class SyncOutcome
{
    /// <summary>Everything up to the run's upper bound was read and handed out.</summary>
    public const string Completed = "completed";

    /// <summary>Close failed for good (or the data could not be read); the checkpoint was kept.</summary>
    public const string Failed = "failed";

    /// <summary>The run was stopped or disposed before the stream finished; accepted records were checkpointed.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>
    /// Close refused the stream's endpoint to this key (403) or does not serve it to this organization
    /// (404, a feature its plan lacks) before any record came: the stream was left out with a warning,
    /// and its bookmark is unchanged.
    /// </summary>
    public const string Skipped = "skipped";
}
