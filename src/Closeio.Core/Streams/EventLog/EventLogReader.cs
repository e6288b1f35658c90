using System.Text.Json;
using Closeio.Core.Records;
using Closeio.Core.State;

namespace Closeio.Core.Streams;

/// <summary>
/// The event log: <c>GET event/</c> in <c>date_updated</c> windows, cursor-paged, each window read
/// newest first and delivered oldest first before the next is read. Close keeps 30 days,
/// so an earlier start is clamped (with a warning). Events can be consolidated after they are written,
/// moving their <c>date_updated</c> forward, and can arrive late, so each run re-scans the last five
/// minutes before the bookmark; the bookmark keeps the ids (and <c>date_updated</c>) delivered in those
/// minutes, and the re-scan delivers only events that are new or whose <c>date_updated</c> moved.
/// </summary>
internal sealed class EventLogReader : IStreamReader
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

        var from = context.Bookmark?.Value is { } b ? b - context.Tuning.EventLogRescan : context.StartDate;
        var oldest = context.UpperBound - context.Tuning.EventLogRetention;
        if (from < oldest)
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
            await WindowBatch.EmitAsync(context, admission, items, cancellationToken).ConfigureAwait(false);
            lo = hi;
            var factor = items.Count == 0 ? 4.0 : Math.Clamp(target / (double)items.Count, 0.25, 4.0);
            size = Min(maxWindow, Max(Tick, AlignSpan(TimeSpan.FromTicks((long)Math.Min(size.Ticks * factor, TimeSpan.MaxValue.Ticks / 2)))));
        }
    }

    /// <summary>
    /// Reads the events of [<paramref name="lo"/>, <paramref name="hi"/>), stopping once there are more
    /// than <paramref name="cap"/>; also returns how far back from <paramref name="hi"/> the events read reach.
    /// </summary>
    private static async Task<(List<JsonElement> Items, TimeSpan NewestSpan)> ReadWindowAsync(StreamContext context,
        DateTimeOffset lo, DateTimeOffset hi, int pageSize, int cap, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("date_updated__gte", CloseTimestamp.FormatForFilter(lo)),
            new("date_updated__lt", CloseTimestamp.FormatForFilter(hi)),
        };
        if (context.FieldsParameter is { } fields) query.Add(new("_fields", fields));
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
