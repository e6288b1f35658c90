using System.Runtime.CompilerServices;
using System.Text.Json;
using Closeio.Core.Http;
using Closeio.Core.Records;

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

    /// <summary>Reads page after page until there is no <c>cursor_next</c>.</summary>
    public async IAsyncEnumerable<ClosePage> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        while (true)
        {
            var page = await ReadPageAsync(cursor, cancellationToken).ConfigureAwait(false);
            yield return page;
            // An emptied page may still go on (its events were all newer than the range); an empty answer has no next cursor.
            if (page.NextCursor is null || page.NextCursor == cursor) yield break;
            cursor = page.NextCursor;
        }
    }

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

        private bool BelowLower(DateTimeOffset t) => (Gte is { } gte && t < gte) || (Gt is { } gt && t <= gt);

        private bool AboveUpper(DateTimeOffset t) => (Lt is { } lt && t >= lt) || (Lte is { } lte && t > lte);
    }
}
