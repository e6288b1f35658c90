namespace Closeio.Core.Streams;

/// <summary>
/// The event log: <c>GET event/</c> in <c>date_updated</c> windows, cursor-paged, each window read
/// newest first and delivered oldest first before the next is read. Close keeps 30 days,
/// so an earlier start is clamped (with a warning). Events can be consolidated after they are written,
/// moving their <c>date_updated</c> forward, and can arrive late, so each run re-scans the last five
/// minutes before the bookmark; the bookmark keeps the ids (and <c>date_updated</c>) delivered in those
/// minutes, and the re-scan delivers only events that are new or whose <c>date_updated</c> moved.
/// A stream built on the event log passes <c>select</c> (which events it keeps and the record each
/// becomes) and <c>clamped</c> (what it says when its start lies beyond the log's retention).
/// </summary>
/// <param name="select">
/// Turns an event into the object the stream shapes, or null to skip it; null: every event as it is
/// (and the run's <c>_fields</c> are sent). The object must keep the event's id and date_updated.
/// </param>
/// <param name="clamped">
/// Told (context, where the previous runs covered the log up to or null on a first run, oldest
/// instant the log still holds) when the start was older than the retention; null: the event log's
/// own warning.
/// </param>
/// <param name="coveredExtra">
/// For a stream that keeps few of the events: the bookmark Extra entry where each run records how far
/// it read the log (once the records before are accepted), so the next run resumes there rather than
/// at its last record, which may be days older. Null: resume at the bookmark.
/// </param>
internal sealed class EventLogReader(
    Func<JsonElement, JsonElement?>? select = null,
    Action<StreamContext, DateTimeOffset?, DateTimeOffset>? clamped = null,
    string? coveredExtra = null) : IStreamReader
{
    /// <summary>Pages a window should hold: small enough that a failure loses little, large enough to cost few windows.</summary>
    internal const int PagesPerWindow = 10;

    /// <summary>
    /// How many times the target a window may reach before it is read again smaller. The first window
    /// (no density known yet) may reach the target only: a window is delivered all or nothing, so a
    /// run that fails should have had small ones.
    /// </summary>
    private const int OverflowFactor = 2;

    private static readonly TimeSpan Tick = TimeSpan.FromTicks(10); // one microsecond, Close's resolution

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var recent = RecentIds.Read(context.Bookmark);
        var admission = new RecordAdmission(context,
            (record, _) => !(recent.TryGetValue(record.Id, out var seen) && seen == record.Key));

        var covered = context.Bookmark?.Value is { } b ? Latest(b, Covered(context)) : (DateTimeOffset?)null;
        var from = covered is { } c ? c - context.Tuning.EventLogRescan : context.StartDate;
        var oldest = context.UpperBound - context.Tuning.EventLogRetention;
        if (from < oldest && clamped is not null)
        {
            clamped(context, covered, oldest);
            from = oldest;
        }
        else if (from < oldest)
        {
            context.Warn(
                $"The event log keeps only {context.Tuning.EventLogRetention.TotalDays:0} days: starting at " +
                $"{CloseTimestamp.Format(oldest)} instead of {CloseTimestamp.Format(from)}. Events before that are " +
                "gone; sync the event log at least every 30 days so no deletion goes unseen.");
            from = oldest;
        }

        // Close gives events newest first, the bookmark needs them oldest first: the range is cut into
        // date windows from the oldest, each read whole (newest first), then delivered oldest first, so
        // the bookmark can pass a window only once all of it was delivered, and a run that fails part
        // way keeps every window before. The window size adapts to aim at PagesPerWindow pages; a window
        // that holds far more is dropped unread and cut to the density it showed.
        var pageSize = Math.Min(context.PageSize, EventCursorPager.MaxPageSize);
        var target = Math.Max(1, pageSize * PagesPerWindow);
        var lo = TimeWindowScanner.Align(from);
        var end = context.UpperBound;
        var maxWindow = Max(Tick, AlignSpan(context.Tuning.MaxWindow));
        var size = Min(end - lo, maxWindow);
        var densityKnown = false;
        while (lo < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var hi = end - lo <= size ? end : lo + size;
            var cap = hi - lo <= Tick ? int.MaxValue // one microsecond cannot be cut
                : densityKnown ? target * OverflowFactor : target;
            densityKnown = true;
            var (items, newestSpan) = await ReadWindowAsync(context, lo, hi, pageSize, cap, cancellationToken).ConfigureAwait(false);
            if (items.Count > cap)
            {
                // The newest events filled the cap within newestSpan: aim the next window at the target.
                var density = newestSpan.Ticks / (double)items.Count;
                size = Min(Max(Tick, AlignSpan(TimeSpan.FromTicks((long)(density * target)))), Max(Tick, AlignSpan((hi - lo) / 2)));
                context.Log($"event log: more than {cap} events between {CloseTimestamp.Format(lo)} and {CloseTimestamp.Format(hi)}; " +
                            $"reading windows of {size} instead");
                continue;
            }

            context.Progress($"events {CloseTimestamp.Format(lo)} .. {CloseTimestamp.Format(hi)}");
            await WindowBatch.EmitAsync(context, admission, Selected(items), cancellationToken).ConfigureAwait(false);
            if (coveredExtra is not null) context.SetExtraWhenAccepted(coveredExtra, CloseTimestamp.Format(hi));
            lo = hi;
            var factor = items.Count == 0 ? 4.0 : Math.Clamp(target / (double)items.Count, 0.25, 4.0);
            size = Min(maxWindow, Max(Tick, AlignSpan(TimeSpan.FromTicks((long)Math.Min(size.Ticks * factor, TimeSpan.MaxValue.Ticks / 2)))));
        }
    }

    /// <summary>How far earlier runs read the log, as the covered Extra entry recorded it; null when unknown.</summary>
    private DateTimeOffset? Covered(StreamContext context) =>
        coveredExtra is not null && context.Bookmark?.Extra.TryGetValue(coveredExtra, out var text) == true &&
        CloseTimestamp.TryParse(text, out var t) && t <= context.UpperBound
            ? t
            : null;

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v > a ? v : a;

    private IEnumerable<JsonElement> Selected(List<JsonElement> items)
    {
        if (select is null) return items;
        var kept = new List<JsonElement>();
        foreach (var item in items)
            if (select(item) is { } chosen) kept.Add(chosen);
        return kept;
    }

    /// <summary>
    /// Reads the events of [<paramref name="lo"/>, <paramref name="hi"/>), stopping once there are more
    /// than <paramref name="cap"/>; also returns how far back from <paramref name="hi"/> the events read reach.
    /// </summary>
    private async Task<(List<JsonElement> Items, TimeSpan NewestSpan)> ReadWindowAsync(StreamContext context,
        DateTimeOffset lo, DateTimeOffset hi, int pageSize, int cap, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("date_updated__gte", CloseTimestamp.FormatForFilter(lo)),
            new("date_updated__lt", CloseTimestamp.FormatForFilter(hi)),
        };
        // A selecting stream's columns are not the event's: it needs whole events.
        if (select is null && context.FieldsParameter is { } fields) query.Add(new("_fields", fields));
        var pager = new EventCursorPager(context.Client, query, pageSize)
        {
            Counters = context.Counters,
            Restarted = context.Log,
        };
        var items = new List<JsonElement>();
        var oldestRead = hi;
        await foreach (var page in pager.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Data)
            {
                items.Add(item);
                if (StreamContext.ReadTime(item, "date_updated") is { } t && t < oldestRead) oldestRead = t;
            }

            if (items.Count > cap) break;
        }

        return (items, Max(Tick, hi - oldestRead));
    }

    private static TimeSpan AlignSpan(TimeSpan span) => TimeSpan.FromTicks(span.Ticks - (span.Ticks % Tick.Ticks));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
