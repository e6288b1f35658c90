using System.Text;
using System.Text.Json;
using Closeio.Core.Records;

namespace Closeio.Core.Streams;

/// <summary>
/// The event log: <c>GET event/</c> in <c>date_updated</c> windows, cursor-paged. Close keeps 30 days,
/// so an earlier start is clamped (with a warning). Events can be consolidated after they are written,
/// moving their <c>date_updated</c> forward, and can arrive late, so each run re-scans the last five
/// minutes before the bookmark; the bookmark keeps the ids (and <c>date_updated</c>) delivered in those
/// minutes, and the re-scan delivers only events that are new or whose <c>date_updated</c> moved.
/// </summary>
internal sealed class EventLogReader : IStreamReader
{
    /// <summary>The bookmark Extra entry with the recently delivered events.</summary>
    public const string RecentKey = "recent";

    /// <summary>Most events one window may hold before it is halved (they are buffered to be sorted).</summary>
    private const int MaxBuffered = 10_000;

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var recent = context.Bookmark?.Extra.TryGetValue(RecentKey, out var text) == true
            ? DecodeRecent(text)
            : new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
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

        var lo = TimeWindowScanner.Align(from);
        var end = context.UpperBound;
        var size = end - lo;
        while (lo < end)
        {
            var hi = end - lo <= size ? end : lo + size;
            var items = await ReadWindowAsync(context, lo, hi, cancellationToken).ConfigureAwait(false);
            if (items is null)
            {
                size = TimeSpan.FromTicks(Math.Max(10, (hi - lo).Ticks / 2 / 10 * 10));
                continue;
            }

            context.Progress($"events {CloseTimestamp.Format(lo)} .. {CloseTimestamp.Format(hi)}");
            await WindowBatch.EmitAsync(context, admission, items, cancellationToken).ConfigureAwait(false);
            lo = hi;
        }
    }

    /// <summary>Reads a whole window; null when it holds too many events to buffer.</summary>
    private static async Task<List<JsonElement>?> ReadWindowAsync(StreamContext context, DateTimeOffset lo,
        DateTimeOffset hi, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("date_updated__gte", CloseTimestamp.FormatForFilter(lo)),
            new("date_updated__lt", CloseTimestamp.FormatForFilter(hi)),
        };
        if (context.FieldsParameter is { } fields) query.Add(new("_fields", fields));
        var pager = new EventCursorPager(context.Client, query, Math.Min(context.PageSize, EventCursorPager.MaxPageSize))
        {
            Counters = context.Counters,
        };
        var items = new List<JsonElement>();
        await foreach (var page in pager.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            items.AddRange(page.Data);
            if (items.Count > MaxBuffered && hi - lo > TimeSpan.FromTicks(10)) return null;
        }

        return items;
    }

    /// <summary>Reads <c>id@timestamp</c> pairs separated by spaces.</summary>
    internal static Dictionary<string, DateTimeOffset> DecodeRecent(string text)
    {
        var map = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.LastIndexOf('@');
            if (at > 0 && CloseTimestamp.TryParse(part[(at + 1)..], out var t)) map[part[..at]] = t;
        }

        return map;
    }

    /// <summary>Writes the pairs <see cref="DecodeRecent"/> reads, oldest first.</summary>
    internal static string EncodeRecent(IEnumerable<KeyValuePair<string, DateTimeOffset>> pairs)
    {
        var text = new StringBuilder();
        foreach (var (id, t) in pairs.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(id).Append('@').Append(CloseTimestamp.Format(t));
        }

        return text.ToString();
    }
}
