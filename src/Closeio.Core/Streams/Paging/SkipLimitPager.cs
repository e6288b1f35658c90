namespace Closeio.Core.Streams;

/// <summary>
/// Pages a GET list endpoint with <c>_skip</c> and <c>_limit</c> until Close says <c>has_more</c> is
/// false (or, in an answer without <c>has_more</c>, until a page comes back short). Deep offsets are slow and capped by Close (max_skip), so callers that may meet many objects
/// should bound the offset with <see cref="MaxSkip"/> and narrow their filters instead.
/// </summary>
public sealed class SkipLimitPager
{
    private readonly ListEndpoint _endpoint;

    /// <summary>Creates a pager.</summary>
    /// <param name="client">The client requests go through.</param>
    /// <param name="path">Relative path, e.g. <c>task/</c>.</param>
    /// <param name="query">Filters sent with every page (without <c>_skip</c>/<c>_limit</c>).</param>
    /// <param name="pageSize">The <c>_limit</c> of each page (Close's maxima: activities 100, tasks/users 1000).</param>
    public SkipLimitPager(CloseClient client, string path, IEnumerable<KeyValuePair<string, string>>? query, int pageSize)
    {
        _endpoint = new ListEndpoint(client, path, query, pageSize);
    }

    /// <summary>The <c>_limit</c> of each page; smaller after Close refused a larger one (see <see cref="ListEndpoint.PageSize"/>).</summary>
    public int PageSize => _endpoint.PageSize;

    /// <summary>Where each request is counted; null = not counted.</summary>
    public RequestCounters? Counters { get; init; }

    /// <summary>
    /// The largest offset <see cref="ReadPagesAsync"/> will ask for; it stops (with the last page's
    /// <see cref="ClosePage.HasMore"/> still true) rather than go deeper. Null = no bound.
    /// </summary>
    public int? MaxSkip { get; init; }

    /// <summary>Reads the page that starts at <paramref name="skip"/>.</summary>
    /// <exception cref="CloseApiException">Close refused or failed after retries.</exception>
    public Task<ClosePage> ReadPageAsync(int skip, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        return _endpoint.ReadPageAsync(_endpoint.Filters, new("_skip", skip.ToString(CultureInfo.InvariantCulture)),
            static (root, limit) => (HasMore(root, limit), null),
            Counters, cancellationToken);
    }

    /// <summary>
    /// Close's <c>has_more</c>; an answer without it (or with null) goes on when the page is full
    /// (as many objects as the <c>_limit</c> it answered) and ends when it is short.
    /// </summary>
    private static bool HasMore(JsonElement root, int limit)
    {
        if (root.TryGetProperty("has_more", out var more) && more.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return more.ValueKind == JsonValueKind.True;
        return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() >= limit;
    }

    private const int EmptyPagesBeforeGivingUp = 3;

    /// <summary>Reads page after page until <c>has_more</c> is false (or <see cref="MaxSkip"/> is reached).</summary>
    public async IAsyncEnumerable<ClosePage> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var skip = 0;
        var emptyInARow = 0;
        while (true)
        {
            var page = await ReadPageAsync(skip, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (!page.HasMore) yield break;
            if (page.Data.Count == 0)
            {
                // An empty page that says more follow is a hiccup: ask for the same offset again. Ending
                // here would silently drop the rest; asking forever would hang on a broken server.
                if (++emptyInARow >= EmptyPagesBeforeGivingUp)
                    throw new InvalidDataException(
                        $"Close answered {emptyInARow} empty pages in a row at _skip={skip} while saying more follow (has_more); stopped rather than miss the rest.");
                continue;
            }

            emptyInARow = 0;
            skip += page.Data.Count;
            if (MaxSkip is { } max && skip > max) yield break;
        }
    }

    /// <summary>Reads every object, one at a time, paging as needed.</summary>
    public IAsyncEnumerable<JsonElement> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ListEndpoint.ItemsOf(ReadPagesAsync(cancellationToken), cancellationToken);
}
