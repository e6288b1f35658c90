using System.Runtime.CompilerServices;
using System.Text.Json;
using Closeio.Core.Http;

namespace Closeio.Core.Streams;

/// <summary>
/// Pages <c>GET event/</c> (or any endpoint paged the same way) with <c>_cursor</c> and
/// <c>cursor_next</c>. Events come newest first. When following a cursor the non-date filters are
/// sent again, but not the <c>date_updated</c> ones: the cursor already carries the range.
/// </summary>
public sealed class EventCursorPager
{
    /// <summary>Close's default and largest page of events.</summary>
    public const int MaxPageSize = 50;

    private readonly ListEndpoint _endpoint;

    /// <summary>Creates a pager.</summary>
    /// <param name="client">The client requests go through.</param>
    /// <param name="query">Filters of the first page, e.g. <c>date_updated__gte</c>, <c>object_type</c>.</param>
    /// <param name="pageSize">The <c>_limit</c> of each page (at most 50).</param>
    /// <param name="path">Relative path; <c>event/</c> by default.</param>
    public EventCursorPager(CloseClient client, IEnumerable<KeyValuePair<string, string>>? query,
        int pageSize = MaxPageSize, string path = "event/")
    {
        _endpoint = new ListEndpoint(client, path, query, pageSize);
    }

    /// <summary>The <c>_limit</c> of each page.</summary>
    public int PageSize => _endpoint.PageSize;

    /// <summary>Where each request is counted; null = not counted.</summary>
    public RequestCounters? Counters { get; init; }

    /// <summary>Reads the first page (<paramref name="cursor"/> null) or the page a cursor points at.</summary>
    public Task<ClosePage> ReadPageAsync(string? cursor, CancellationToken cancellationToken)
    {
        var filters = cursor is null
            ? _endpoint.Filters
            : _endpoint.Filters.Where(pair => !pair.Key.StartsWith("date_updated", StringComparison.Ordinal));
        return _endpoint.ReadPageAsync(filters, cursor is null ? null : new("_cursor", cursor), static root =>
        {
            var next = ClosePage.OptionalString(root, "cursor_next");
            return string.IsNullOrEmpty(next) ? (false, null) : (true, next);
        }, Counters, cancellationToken);
    }

    /// <summary>Reads page after page until there is no <c>cursor_next</c>.</summary>
    public async IAsyncEnumerable<ClosePage> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        while (true)
        {
            var page = await ReadPageAsync(cursor, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (page.NextCursor is null || page.Data.Count == 0 || page.NextCursor == cursor) yield break;
            cursor = page.NextCursor;
        }
    }

    /// <summary>Reads every event, newest first.</summary>
    public IAsyncEnumerable<JsonElement> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ListEndpoint.ItemsOf(ReadPagesAsync(cancellationToken), cancellationToken);
}
