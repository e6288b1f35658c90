namespace Closeio.Core.Sync;

/// <summary>
/// What one stream's part of a sync did, as Sync-CloseioStream writes it to the information stream
/// (never to the record output): counts, times, outcome, and whether bookmarks were saved.
/// </summary>
public sealed class SyncRunReport
{
    /// <summary>Wraps a stream's run summary.</summary>
    public SyncRunReport(StreamRunSummary summary, string profilePath, bool bookmarksSaved)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Summary = summary;
        ProfilePath = profilePath;
        BookmarksSaved = bookmarksSaved;
    }

    private StreamRunSummary Summary { get; }

    /// <summary>The stream.</summary>
    public string Stream => Summary.Stream;

    /// <summary>Completed, Stopped, Failed, ...</summary>
    public string Outcome => Summary.Outcome;

    /// <summary>Records delivered.</summary>
    public long Records => Summary.Records;

    /// <summary>Requests sent, retries included.</summary>
    public long Requests => Summary.Requests;

    /// <summary>Retries.</summary>
    public long Retries => Summary.Retries;

    /// <summary>429 answers.</summary>
    public long RateLimited => Summary.RateLimited;

    /// <summary>Requests that failed.</summary>
    public long Errors => Summary.Errors;

    /// <summary>When the stream's run started (UTC).</summary>
    public DateTimeOffset Started => Summary.Started;

    /// <summary>When it ended (UTC).</summary>
    public DateTimeOffset Ended => Summary.Ended;

    /// <summary>How long it took.</summary>
    public TimeSpan Duration => Summary.Ended - Summary.Started;

    /// <summary>Why it failed, if it did.</summary>
    public string? Error => Summary.Error;

    /// <summary>The profile the bookmarks belong to.</summary>
    public string ProfilePath { get; }

    /// <summary>False under -WhatIf: the run read and delivered but saved nothing.</summary>
    public bool BookmarksSaved { get; }

    /// <summary>One line, e.g. <c>leads: Completed, 50 records, 3 requests ...</c>.</summary>
    public override string ToString()
    {
        var seconds = Math.Max(0, Duration.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Stream}: {Outcome}, {Records} records, {Requests} requests ({Retries} retries, {RateLimited} rate-limited) in {seconds} s");
        if (!string.IsNullOrWhiteSpace(Error)) line = $"{line}: {Error}";
        return line + (BookmarksSaved ? "" : " (bookmarks not saved)");
    }
}
