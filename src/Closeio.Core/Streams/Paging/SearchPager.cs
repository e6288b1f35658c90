namespace Closeio.Core.Streams;

/// <summary>
/// Pages Close's Advanced Filtering, <c>POST data/search/</c>: the body carries the query, and each
/// following page repeats it with the <c>cursor</c> of the previous answer (read from <c>cursor</c>, or
/// <c>cursor_next</c> when the answer names it so). A null cursor ends the scan.
/// One query yields at most about 10,000 objects and a cursor expires after about 30 seconds; callers
/// that need more restart with a narrower query (see the leads stream).
/// </summary>
public sealed class SearchPager
{
    /// <summary>Close's largest <c>_limit</c> for a search page.</summary>
    public const int MaxPageSize = 200;

    private readonly CloseClient _client;
    private readonly JsonObject _body;

    /// <summary>Creates a pager.</summary>
    /// <param name="client">The client requests go through.</param>
    /// <param name="body">
    /// The search body without <c>cursor</c> and <c>_limit</c>, e.g. <c>{"query": ..., "sort": ..., "_fields": ...}</c>.
    /// It is copied, so later changes to it do not affect the pager.
    /// </param>
    /// <param name="pageSize">The <c>_limit</c> of each page (at most 200).</param>
    public SearchPager(CloseClient client, JsonObject body, int pageSize = MaxPageSize)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _client = client;
        _body = (JsonObject)body.DeepClone();
        PageSize = pageSize;
    }

    /// <summary>
    /// The <c>_limit</c> of each page: the one asked for, until Close refuses it with a 400 that may be
    /// about the page size; then that page is asked once more with a smaller one, kept from then on.
    /// </summary>
    public int PageSize { get; private set; }

    /// <summary>Where each request is counted; null = not counted.</summary>
    public RequestCounters? Counters { get; init; }

    /// <summary>Reads the first page (<paramref name="cursor"/> null) or the page a cursor points at.</summary>
    /// <exception cref="CloseApiException">Close refused (e.g. 400 "Expired cursor") or failed after retries.</exception>
    public async Task<ClosePage> ReadPageAsync(string? cursor, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(cursor, cancellationToken).ConfigureAwait(false);
        }
        catch (CloseApiException e) when (PageLimit.Smaller(e, PageSize, onlyWhenNamed: cursor is not null) is { } smaller)
        {
            var refused = PageSize;
            PageSize = smaller;
            try
            {
                return await SendAsync(cursor, cancellationToken).ConfigureAwait(false);
            }
            catch (CloseApiException)
            {
                PageSize = refused; // the smaller size did not help: the refusal was about something else
                throw;
            }
        }
    }

    private async Task<ClosePage> SendAsync(string? cursor, CancellationToken cancellationToken)
    {
        var body = (JsonObject)_body.DeepClone();
        body["_limit"] = PageSize;
        body["cursor"] = cursor;
        var request = new CloseRequest(HttpMethod.Post, "data/search/") { Body = body, Counters = Counters };
        using var answer = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var data = ClosePage.CloneData(root);
        // "cursor" as third-party clients read it; "cursor_next" as Close names it elsewhere (the event log).
        var next = ClosePage.OptionalString(root, "cursor");
        if (string.IsNullOrEmpty(next)) next = ClosePage.OptionalString(root, "cursor_next");
        if (string.IsNullOrEmpty(next)) next = null;
        long? total = null, limited = null;
        if (root.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Object)
        {
            if (count.TryGetProperty("total", out var t) && t.TryGetInt64(out var tv)) total = tv;
            if (count.TryGetProperty("limited", out var l) && l.TryGetInt64(out var lv)) limited = lv;
        }

        return new ClosePage(data, next is not null, next) { TotalCount = total, LimitedCount = limited };
    }

    /// <summary>Reads page after page until the cursor is null.</summary>
    public async IAsyncEnumerable<ClosePage> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        while (true)
        {
            var page = await ReadPageAsync(cursor, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (page.NextCursor is null || page.Data.Count == 0) yield break;
            cursor = page.NextCursor;
        }
    }

    /// <summary>Reads every object the query yields.</summary>
    public IAsyncEnumerable<JsonElement> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ListEndpoint.ItemsOf(ReadPagesAsync(cancellationToken), cancellationToken);
}
