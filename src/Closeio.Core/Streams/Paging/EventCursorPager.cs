namespace Closeio.Core.Streams;

/// <summary>
/// Pages <c>GET event/</c> (or any endpoint paged the same way) with <c>_cursor</c> and
/// <c>cursor_next</c>. Events come newest first. When following a cursor the non-date filters are
/// sent again, but not the <c>date_updated</c> ones (Close says not to). Close's cursor is only a
/// position ("events before this one"), so the pages after the first are not bounded by those
/// filters: the pager applies them itself, dropping events outside the range and ending the scan
/// at the first page that reaches below its lower bound.
/// </summary>
public sealed class EventCursorPager
{
    /// <summary>Close's default and largest page of events.</summary>
    public const int MaxPageSize = 50;

    private readonly ListEndpoint _endpoint;
    private readonly UpdatedRange _range;
    private readonly ListEndpoint _wideEndpoint;

    /// <summary>Creates a pager.</summary>
    /// <param name="client">The client requests go through.</param>
    /// <param name="query">Filters of the first page, e.g. <c>date_updated__gte</c>, <c>object_type</c>.</param>
    /// <param name="pageSize">The <c>_limit</c> of each page (at most 50).</param>
    /// <param name="path">Relative path; <c>event/</c> by default.</param>
    public EventCursorPager(CloseClient client, IEnumerable<KeyValuePair<string, string>>? query,
        int pageSize = MaxPageSize, string path = "event/")
    {
        _endpoint = new ListEndpoint(client, path, query, pageSize);
        _range = UpdatedRange.From(_endpoint.Filters);
        // A restart that brought nothing new may sit on more events at one instant than a page holds:
        // the next one asks for Close's largest page.
        _wideEndpoint = pageSize < MaxPageSize ? new ListEndpoint(client, path, query, MaxPageSize) : _endpoint;
    }

    /// <summary>The <c>_limit</c> of each page; smaller after Close refused a larger one (see <see cref="ListEndpoint.PageSize"/>).</summary>
    public int PageSize => _endpoint.PageSize;

    /// <summary>Where each request is counted; null = not counted.</summary>
    public RequestCounters? Counters { get; init; }

    /// <summary>
    /// Reads the first page (<paramref name="cursor"/> null) or the page a cursor points at. Only the
    /// events inside the <c>date_updated</c> filters are kept; a page that reaches below their lower
    /// bound (or holds no events at all) has no next cursor.
    /// </summary>
    public async Task<ClosePage> ReadPageAsync(string? cursor, CancellationToken cancellationToken)
    {
        var filters = cursor is null
            ? _endpoint.Filters
            : _endpoint.Filters.Where(pair => !pair.Key.StartsWith("date_updated", StringComparison.Ordinal));
        var page = await _endpoint.ReadPageAsync(filters, cursor is null ? null : new("_cursor", cursor), static (root, _) =>
        {
            var next = ClosePage.OptionalString(root, "cursor_next");
            return string.IsNullOrEmpty(next) ? (false, null) : (true, next);
        }, Counters, cancellationToken).ConfigureAwait(false);
        return _range.Apply(page);
    }

    /// <summary>How many times in a row the pager may start again by date without reading a new event before it gives up.</summary>
    public const int MaxFruitlessRestarts = 3;

    /// <summary>Told why the pager started again by date (for the run's log); nothing by default.</summary>
    public Action<string>? Restarted { get; init; }

    /// <summary>
    /// Reads page after page until the events are read, newest first, each event once. A page that
    /// cannot be trusted is never taken for the end: an empty page after a cursor or one that says
    /// more follow, the same page again, a cursor seen before, a page with events newer than the one
    /// before it, or a cursor Close refuses (400). The pager then asks again by date, from the oldest
    /// <c>date_updated</c> it has read (<c>date_updated__lte</c>, keeping the lower bound), dropping the
    /// events at that instant it already gave. After <see cref="MaxFruitlessRestarts"/> restarts in a
    /// row that bring nothing new it throws <see cref="InvalidDataException"/> rather than end early.
    /// </summary>
    public async IAsyncEnumerable<ClosePage> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<KeyValuePair<string, string>> filters = _endpoint.Filters;
        var range = _range;
        string? cursor = null;
        var followed = new HashSet<string>(StringComparer.Ordinal);
        List<string>? previousIds = null;
        DateTimeOffset? oldest = null;
        var atOldest = new HashSet<string>(StringComparer.Ordinal);
        var fruitless = 0;
        while (true)
        {
            ClosePage? raw = null;
            string? distrust;
            try
            {
                var endpoint = cursor is null && fruitless > 1 ? _wideEndpoint : _endpoint;
                raw = await ReadRawAsync(endpoint, filters, cursor, cancellationToken).ConfigureAwait(false);
                distrust = Distrust(raw, cursor, followed, previousIds, oldest);
            }
            catch (CloseApiException e) when (cursor is not null && e.StatusCode == 400)
            {
                distrust = $"Close refused the cursor ({e.CloseError ?? "400"})";
            }

            if (distrust is not null)
            {
                if (++fruitless > MaxFruitlessRestarts)
                {
                    throw new InvalidDataException(
                        $"The event log stopped making progress: {distrust}, and {MaxFruitlessRestarts} new queries by date " +
                        $"from {(oldest is { } o ? CloseTimestamp.Format(o) : "the start")} brought no new event. Nothing past the " +
                        "last delivered event is bookmarked; run the sync again.");
                }

                filters = RestartFilters(oldest);
                range = UpdatedRange.From(filters);
                Restarted?.Invoke($"event log: {distrust}; asking again by date from " +
                                  $"{(oldest is { } from ? CloseTimestamp.Format(from) : "the start")}");
                cursor = null;
                previousIds = null;
                followed.Clear();
                continue;
            }

            var kept = new List<JsonElement>(raw!.Data.Count);
            var pastLower = false;
            foreach (var item in raw.Data)
            {
                if (StreamContext.ReadTime(item, "date_updated") is not { } t)
                {
                    kept.Add(item); // cannot be judged: the caller sees it rather than lose it
                    continue;
                }

                if (range.BelowLower(t))
                {
                    pastLower = true;
                    continue;
                }

                if (range.AboveUpper(t)) continue;
                var id = IdOf(item);
                if (oldest is { } o && t == o && id is not null && !atOldest.Add(id)) continue; // given already
                if (oldest is not { } before || t < before)
                {
                    oldest = t;
                    atOldest.Clear();
                    if (id is not null) atOldest.Add(id);
                }

                kept.Add(item);
            }

            if (kept.Count > 0) fruitless = 0;
            previousIds = raw.Data.Select(IdOf).Select(i => i ?? "").ToList();
            if (cursor is not null) followed.Add(cursor);
            var next = pastLower || raw.Data.Count == 0 ? null : raw.NextCursor;
            yield return new ClosePage(kept, next is not null, next);
            if (next is null) yield break;
            cursor = next;
        }
    }

    /// <summary>Why a page cannot be trusted to say where the events go on; null when it can.</summary>
    private static string? Distrust(ClosePage page, string? cursor, HashSet<string> followed, List<string>? previousIds,
        DateTimeOffset? oldest)
    {
        if (page.Data.Count == 0)
        {
            if (cursor is not null) return "an empty page after a cursor";
            return page.NextCursor is not null ? "an empty page that says more events follow" : null;
        }

        if (page.NextCursor is { } next && (next == cursor || followed.Contains(next))) return "a cursor_next already followed";
        if (cursor is null) return null;
        if (previousIds is not null && previousIds.SequenceEqual(page.Data.Select(IdOf).Select(i => i ?? "")))
            return "the same page again";
        if (oldest is { } o && page.Data.Any(e => StreamContext.ReadTime(e, "date_updated") is { } t && t > o))
            return "a page with events newer than the page before it";
        return null;
    }

    /// <summary>The first page's filters, with the upper date bounds replaced by <c>date_updated__lte</c> at <paramref name="oldest"/>.</summary>
    private IReadOnlyList<KeyValuePair<string, string>> RestartFilters(DateTimeOffset? oldest)
    {
        if (oldest is not { } o) return _endpoint.Filters;
        var filters = _endpoint.Filters
            .Where(p => p.Key is not ("date_updated__lt" or "date_updated__lte"))
            .ToList();
        filters.Add(new("date_updated__lte", CloseTimestamp.FormatForFilter(o)));
        return filters;
    }

    private async Task<ClosePage> ReadRawAsync(ListEndpoint endpoint, IReadOnlyList<KeyValuePair<string, string>> filters,
        string? cursor, CancellationToken cancellationToken)
    {
        var sent = cursor is null
            ? filters
            : filters.Where(pair => !pair.Key.StartsWith("date_updated", StringComparison.Ordinal));
        return await endpoint.ReadPageAsync(sent, cursor is null ? null : new("_cursor", cursor), static (root, _) =>
        {
            var next = ClosePage.OptionalString(root, "cursor_next");
            return string.IsNullOrEmpty(next) ? (false, null) : (true, next);
        }, Counters, cancellationToken).ConfigureAwait(false);
    }

    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>Reads every event, newest first.</summary>
    public IAsyncEnumerable<JsonElement> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ListEndpoint.ItemsOf(ReadPagesAsync(cancellationToken), cancellationToken);

    /// <summary>The <c>date_updated</c> range of the first page's filters, applied to every page.</summary>
    private sealed record UpdatedRange(DateTimeOffset? Gt, DateTimeOffset? Gte, DateTimeOffset? Lt, DateTimeOffset? Lte)
    {
        private bool IsEmpty => Gt is null && Gte is null && Lt is null && Lte is null;

        public static UpdatedRange From(IEnumerable<KeyValuePair<string, string>> filters)
        {
            DateTimeOffset? gt = null, gte = null, lt = null, lte = null;
            foreach (var (key, value) in filters)
            {
                if (!key.StartsWith("date_updated__", StringComparison.Ordinal)) continue;
                if (!CloseTimestamp.TryParse(value, out var t))
                    throw new ArgumentException($"The {key} filter '{value}' is not a timestamp.", nameof(filters));
                switch (key["date_updated__".Length..])
                {
                    case "gt": gt = gt is { } a && a > t ? a : t; break;
                    case "gte": gte = gte is { } b && b > t ? b : t; break;
                    case "lt": lt = lt is { } c && c < t ? c : t; break;
                    case "lte": lte = lte is { } d && d < t ? d : t; break;
                }
            }

            return new UpdatedRange(gt, gte, lt, lte);
        }

        /// <summary>Keeps the events inside the range; past the lower bound (or on an empty page) the scan ends.</summary>
        public ClosePage Apply(ClosePage page)
        {
            if (page.Data.Count == 0) return new ClosePage(page.Data, false, null);
            if (IsEmpty) return page;
            var kept = new List<JsonElement>(page.Data.Count);
            var pastLower = false;
            foreach (var item in page.Data)
            {
                if (StreamContext.ReadTime(item, "date_updated") is not { } t)
                {
                    kept.Add(item); // cannot be judged: the caller sees it rather than lose it
                    continue;
                }

                if (BelowLower(t)) pastLower = true;
                else if (!AboveUpper(t)) kept.Add(item);
            }

            return pastLower ? new ClosePage(kept, false, null) : new ClosePage(kept, page.HasMore, page.NextCursor);
        }

        public bool BelowLower(DateTimeOffset t) => (Gte is { } gte && t < gte) || (Gt is { } gt && t <= gt);

        public bool AboveUpper(DateTimeOffset t) => (Lt is { } lt && t >= lt) || (Lte is { } lte && t > lte);
    }
}
