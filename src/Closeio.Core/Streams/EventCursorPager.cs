using System.Globalization;
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

    private readonly CloseClient _client;
    private readonly string _path;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _query;

    /// <summary>Creates a pager.</summary>
    /// <param name="client">The client requests go through.</param>
    /// <param name="query">Filters of the first page, e.g. <c>date_updated__gte</c>, <c>object_type</c>.</param>
    /// <param name="pageSize">The <c>_limit</c> of each page (at most 50).</param>
    /// <param name="path">Relative path; <c>event/</c> by default.</param>
    public EventCursorPager(CloseClient client, IEnumerable<KeyValuePair<string, string>>? query,
        int pageSize = MaxPageSize, string path = "event/")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _client = client;
        _path = path;
        _query = query?.ToArray() ?? [];
        PageSize = pageSize;
    }

    /// <summary>The <c>_limit</c> of each page.</summary>
    public int PageSize { get; }

    /// <summary>Where each request is counted; null = not counted.</summary>
    public RequestCounters? Counters { get; init; }

    /// <summary>Reads the first page (<paramref name="cursor"/> null) or the page a cursor points at.</summary>
    public async Task<ClosePage> ReadPageAsync(string? cursor, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>(_query.Count + 2);
        foreach (var pair in _query)
        {
            if (cursor is not null && pair.Key.StartsWith("date_updated", StringComparison.Ordinal)) continue;
            query.Add(pair);
        }

        if (cursor is not null) query.Add(new("_cursor", cursor));
        query.Add(new("_limit", PageSize.ToString(CultureInfo.InvariantCulture)));
        var request = new CloseRequest(HttpMethod.Get, _path) { Query = query, Counters = Counters };
        using var answer = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var data = ClosePage.CloneData(root);
        var next = ClosePage.OptionalString(root, "cursor_next");
        if (string.IsNullOrEmpty(next)) next = null;
        return new ClosePage(data, next is not null, next);
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
    public async IAsyncEnumerable<JsonElement> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Data) yield return item;
        }
    }
}
