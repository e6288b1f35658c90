namespace Closeio.Core.Streams;

/// <summary>
/// A GET list endpoint read one page at a time: the part the skip/limit and cursor pagers share (the
/// path, the filters, the page size, the request and the detached page). Each pager says where its
/// page starts and how an answer names the next one.
/// </summary>
internal sealed class ListEndpoint
{
    private readonly CloseClient _client;

    public ListEndpoint(CloseClient client, string path, IEnumerable<KeyValuePair<string, string>>? filters, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _client = client;
        Path = path;
        Filters = filters?.ToArray() ?? [];
        PageSize = pageSize;
    }

    public string Path { get; }

    /// <summary>The filters of the first page.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Filters { get; }

    /// <summary>
    /// The <c>_limit</c> of each page: the one asked for, until Close refuses it (see
    /// <see cref="PageLimit"/>); from then on the smaller one that worked.
    /// </summary>
    public int PageSize { get; private set; }

    /// <summary>
    /// Asks for one page: <paramref name="filters"/>, then <paramref name="position"/> (if any), then
    /// <c>_limit</c>; <paramref name="continuation"/> reads from the answer (and the <c>_limit</c> it
    /// answered) whether and where it goes on. A 400 that may be about the page size is asked once
    /// more with a smaller <c>_limit</c>, kept for the pages after it.
    /// </summary>
    public async Task<ClosePage> ReadPageAsync(IEnumerable<KeyValuePair<string, string>> filters,
        KeyValuePair<string, string>? position, Func<JsonElement, int, (bool HasMore, string? NextCursor)> continuation,
        RequestCounters? counters, CancellationToken cancellationToken)
    {
        var given = filters as IReadOnlyCollection<KeyValuePair<string, string>> ?? filters.ToArray();
        try
        {
            return await SendAsync(given, position, continuation, counters, cancellationToken).ConfigureAwait(false);
        }
        catch (CloseApiException e) when (PageLimit.Smaller(e, PageSize) is { } smaller)
        {
            var refused = PageSize;
            PageSize = smaller;
            try
            {
                return await SendAsync(given, position, continuation, counters, cancellationToken).ConfigureAwait(false);
            }
            catch (CloseApiException)
            {
                PageSize = refused; // the smaller size did not help: the refusal was about something else
                throw;
            }
        }
    }

    private async Task<ClosePage> SendAsync(IEnumerable<KeyValuePair<string, string>> filters,
        KeyValuePair<string, string>? position, Func<JsonElement, int, (bool HasMore, string? NextCursor)> continuation,
        RequestCounters? counters, CancellationToken cancellationToken)
    {
        var limit = PageSize;
        var query = new List<KeyValuePair<string, string>>(Filters.Count + 2);
        query.AddRange(filters);
        if (position is { } p) query.Add(p);
        query.Add(new("_limit", limit.ToString(CultureInfo.InvariantCulture)));
        var request = new CloseRequest(HttpMethod.Get, Path) { Query = query, Counters = counters };
        using var answer = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var data = ClosePage.CloneData(root);
        var (hasMore, next) = continuation(root, limit);
        // Some list endpoints also say how many objects match in all.
        long? total = root.TryGetProperty("total_results", out var t) && t.ValueKind == JsonValueKind.Number &&
            t.TryGetInt64(out var tv) ? tv : null;
        return new ClosePage(data, hasMore, next) { TotalCount = total };
    }

    /// <summary>Every object of the pages, one at a time.</summary>
    public static async IAsyncEnumerable<JsonElement> ItemsOf(IAsyncEnumerable<ClosePage> pages,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Data) yield return item;
        }
    }
}
