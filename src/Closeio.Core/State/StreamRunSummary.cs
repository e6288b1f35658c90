namespace Closeio.Core.State;

/// <summary>What the last run of one stream did; kept in the profile under <c>last_run</c>.</summary>
public sealed class StreamRunSummary
{
    /// <summary>The stream name, e.g. <c>leads</c>.</summary>
    public string Stream { get; set; } = "";

    /// <summary>When the run of this stream started (UTC).</summary>
    public DateTimeOffset Started { get; set; }

    /// <summary>When the run of this stream ended (UTC).</summary>
    public DateTimeOffset Ended { get; set; }

    /// <summary>Records delivered.</summary>
    public long Records { get; set; }

    /// <summary>HTTP requests sent, retries included.</summary>
    public long Requests { get; set; }

    /// <summary>Requests that were retries.</summary>
    public long Retries { get; set; }

    /// <summary>Answers that were 429 Too Many Requests.</summary>
    public long RateLimited { get; set; }

    /// <summary>Requests that ended in an error.</summary>
    public long Errors { get; set; }

    /// <summary>How the run ended, e.g. <c>Completed</c>, <c>Stopped</c>, <c>Failed</c>.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>The error message when the run failed, otherwise null.</summary>
    public string? Error { get; set; }
}
