namespace Closeio.Core.Sync;

/// <summary>
/// Something a sync hands to its single consumer, in order, on the consumer's thread. The cmdlet maps
/// each kind to one PowerShell stream: records to the output, logs to Verbose, and so on.
/// </summary>
public abstract record SyncEvent;

/// <summary>A record to deliver. The consumer calls <see cref="SyncSession.Accept"/> once it has taken it.</summary>
/// <param name="Record">The shaped record.</param>
public sealed record RecordEvent(Record Record) : SyncEvent;

/// <summary>A line of the extraction log (one per request); never contains the API key.</summary>
/// <param name="Message">The line, e.g. <c>GET activity/?_limit=100 200 35 ms</c>.</param>
public sealed record LogEvent(string Message) : SyncEvent
{
    /// <summary>The request this line is about, when it is one (for the HTTP detail of -Debug).</summary>
    public Http.RequestLogEntry? Request { get; init; }
}

/// <summary>Something the user should know that does not stop the sync (e.g. a clamped start date).</summary>
/// <param name="Message">What happened and what it means.</param>
public sealed record WarningEvent(string Message) : SyncEvent;

/// <summary>How far a stream has come.</summary>
/// <param name="Stream">The stream name.</param>
/// <param name="Records">Records of this stream read so far in this run.</param>
/// <param name="Status">A short status line, e.g. <c>window 2024-05-01 .. 2024-05-02</c> or <c>done</c>.</param>
public sealed record ProgressEvent(string Stream, long Records, string Status) : SyncEvent;

/// <summary>
/// A stream failed for good (after the client's retries). Its checkpoint is kept and the other streams
/// go on; the session's summary marks the stream as failed.
/// </summary>
/// <param name="Stream">The stream that failed.</param>
/// <param name="Error">Why; usually a <see cref="Closeio.Core.Http.CloseApiException"/>.</param>
public sealed record ErrorEvent(string Stream, Exception Error) : SyncEvent;

/// <summary>
/// A stream's columns are fixed: its records come next, all with the columns of <paramref name="Shaper"/>
/// (what a Singer SCHEMA message describes). Posted once per stream, before its first record.
/// </summary>
/// <param name="Stream">The stream name.</param>
/// <param name="Shaper">The shaper its records are made by.</param>
public sealed record StreamShapedEvent(string Stream, RecordShaper Shaper) : SyncEvent;
