namespace Closeio.Core.Streams;

/// <summary>
/// Finds the activities edited since the last run, whatever their age. Close has no <c>date_updated</c>
/// filter on activities, but its event log records every edit as <c>object_type</c>
/// <c>activity.&lt;type&gt;</c>, <c>action</c> <c>updated</c> (a combination Close allows), for 30 days.
/// This reads those events (the whole log when it is quiet, else one query per activity type) and
/// re-reads the activities they name with
/// <c>activity/?id__in=</c>. It has its own small cursor loop over <c>event/</c>: it needs only the
/// object ids, newest first, down to a lower bound.
/// </summary>
internal sealed class ActivityEdits
{
    /// <summary>The bookmark Extra entry with the upper bound of the last edit pass: events before it were read.</summary>
    public const string ThroughKey = "edits_through";

    /// <summary>
    /// The bookmark Extra entry with the activities (id and <c>date_updated</c>) the last edit pass
    /// delivered for events in its last re-scan span, so the next pass, which reads that span again
    /// (events are consolidated later), does not deliver them twice.
    /// </summary>
    public const string RecentKey = "edits_recent";

    private const int IdsPerRequest = 50;

    private readonly StreamContext _context;

    public ActivityEdits(StreamContext context) => _context = context;

    /// <summary>
    /// The ids of activities with an <c>updated</c> event in [<paramref name="from"/>, <paramref name="to"/>),
    /// each with the newest such event's <c>date_updated</c>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ReadEditedAsync(DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        // A quiet log is cheapest read whole (date_updated alone is an allowed filter), which also catches
        // activity types this client does not know; a busy one, one activity type at a time.
        var edited = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        // A per-type stream (activity/call/) needs only its own type's events.
        if (ActivityTypes.EventObjectTypeOfPath(_context.Definition.Endpoint) is { } own)
        {
            await ReadAsync(own, from, to, edited, int.MaxValue, cancellationToken).ConfigureAwait(false);
            return edited;
        }

        if (await ReadAsync(null, from, to, edited, WholeLogPages, cancellationToken).ConfigureAwait(false)) return edited;
        edited.Clear();
        foreach (var objectType in ActivityTypes.EventObjectTypes)
            await ReadAsync(objectType, from, to, edited, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return edited;
    }

    /// <summary>How many pages of the whole log are read before asking type by type instead.</summary>
    private const int WholeLogPages = 3;

    /// <summary>
    /// Reads the <c>updated</c> events of one object type (or of the whole log, keeping the activity
    /// ones) into <paramref name="edited"/>; false when <paramref name="maxPages"/> did not reach the end.
    /// </summary>
    private async Task<bool> ReadAsync(string? objectType, DateTimeOffset from, DateTimeOffset to,
        Dictionary<string, DateTimeOffset> edited, int maxPages, CancellationToken cancellationToken)
    {
        var first = new List<KeyValuePair<string, string>>();
        if (objectType is not null)
        {
            first.Add(new("object_type", objectType));
            first.Add(new("action", "updated"));
        }

        first.Add(new("date_updated__gte", CloseTimestamp.FormatForFilter(from)));
        first.Add(new("date_updated__lt", CloseTimestamp.FormatForFilter(to)));
        var endpoint = new ListEndpoint(_context.Client, EventLogStream.Definition.Endpoint, first, EventCursorPager.MaxPageSize);
        string? cursor = null;
        for (var pages = 0; ; pages++)
        {
            if (pages == maxPages) return false;
            // A page that follows a cursor repeats the other filters but not the date ones (Close's rule);
            // the cursor is only a position, so the lower bound is applied here.
            var filters = cursor is null
                ? endpoint.Filters
                : endpoint.Filters.Where(f => !f.Key.StartsWith("date_updated", StringComparison.Ordinal));
            string? next = null;
            var page = await endpoint.ReadPageAsync(filters, cursor is null ? null : new("_cursor", cursor), (root, _) =>
            {
                next = ClosePage.OptionalString(root, "cursor_next");
                return (!string.IsNullOrEmpty(next), next);
            }, _context.Counters, cancellationToken).ConfigureAwait(false);

            var pastLower = false;
            foreach (var e in page.Data)
            {
                var at = StreamContext.ReadTime(e, "date_updated");
                if (at < from)
                {
                    pastLower = true;
                    continue;
                }

                if (at >= to) continue;
                if (objectType is null && !IsActivityUpdate(e)) continue;
                if (!e.TryGetProperty("object_id", out var id) || id.ValueKind != JsonValueKind.String) continue;
                var key = id.GetString()!;
                var when = at ?? to; // an event without a readable time counts as the newest
                if (!edited.TryGetValue(key, out var seen) || seen < when) edited[key] = when;
            }

            if (pastLower || page.Data.Count == 0 || string.IsNullOrEmpty(next) || next == cursor) return true;
            cursor = next;
        }
    }

    private static bool IsActivityUpdate(JsonElement e) =>
        ClosePage.OptionalString(e, "action") == "updated" &&
        ClosePage.OptionalString(e, "object_type") is { } type && type.StartsWith("activity.", StringComparison.Ordinal);

    /// <summary>Reads the activities with these ids, as they are now (deleted ones are simply absent).</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadByIdAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        foreach (var batch in ids.Order(StringComparer.Ordinal).Chunk(IdsPerRequest))
        {
            var query = new List<KeyValuePair<string, string>> { new("id__in", string.Join(',', batch)) };
            if (_context.FieldsWith("date_updated") is { } fields) query.Add(new("_fields", fields));
            var pager = new SkipLimitPager(_context.Client, _context.Definition.Endpoint, query, Math.Max(_context.PageSize, batch.Length))
            {
                Counters = _context.Counters,
            };
            await foreach (var item in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false)) items.Add(item);
        }

        return items;
    }

    /// <summary>Encodes <c>id=date_updated</c> pairs for <see cref="RecentKey"/>.</summary>
    public static string EncodeRecent(IEnumerable<KeyValuePair<string, DateTimeOffset>> delivered) =>
        string.Join(';', delivered.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + CloseTimestamp.Format(p.Value)));

    /// <summary>Decodes <see cref="RecentKey"/>; unreadable entries are dropped (they can only cause a repeat).</summary>
    public static HashSet<(string Id, DateTimeOffset Updated)> DecodeRecent(string? text)
    {
        var set = new HashSet<(string, DateTimeOffset)>();
        if (string.IsNullOrEmpty(text)) return set;
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = entry.IndexOf('=', StringComparison.Ordinal);
            if (at > 0 && CloseTimestamp.TryParse(entry[(at + 1)..], out var t)) set.Add((entry[..at], t));
        }

        return set;
    }

    internal static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? span.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " days" : span.ToString();
}
