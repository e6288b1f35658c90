namespace Closeio.Core.State;

/// <summary>One stream's saved state, as Get-CloseioState shows it.</summary>
public sealed class StreamState
{
    /// <summary>The stream's name.</summary>
    public required string Stream { get; init; }

    /// <summary>The replication key the bookmark is on (<c>date_updated</c>); null for a full-table stream, which has no bookmark.</summary>
    public required string? ReplicationKey { get; init; }

    /// <summary>Every record up to this instant (UTC) has been delivered; null before the first run.</summary>
    public DateTimeOffset? Bookmark { get; init; }

    /// <summary>How many records at exactly <see cref="Bookmark"/> were delivered (the next run skips them).</summary>
    public int DeliveredAtBookmark { get; init; }

    /// <summary>When the last run of the stream started.</summary>
    public DateTimeOffset? LastRunStarted { get; init; }

    /// <summary>When the last run of the stream ended.</summary>
    public DateTimeOffset? LastRunEnded { get; init; }

    /// <summary>How the last run ended (Completed, Stopped, Failed, ...).</summary>
    public string? LastRunOutcome { get; init; }

    /// <summary>Records the last run delivered.</summary>
    public long? LastRunRecords { get; init; }

    /// <summary>Requests the last run sent.</summary>
    public long? LastRunRequests { get; init; }

    /// <summary>Why the last run failed, if it did.</summary>
    public string? LastRunError { get; init; }

    /// <summary>The profile file.</summary>
    public required string ProfilePath { get; init; }

    /// <summary>Stream and bookmark.</summary>
    public override string ToString() =>
        $"{Stream}: {(Bookmark is { } b ? Records.CloseTimestamp.Format(b) : "no bookmark")}";
}
