using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Closeio.Core.Http;

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

    /// <summary>The <c>_limit</c> of each page.</summary>
    public int PageSize { get; }

    /// <summary>
    /// Asks for one page: <paramref name="filters"/>, then <paramref name="position"/> (if any), then
    /// <c>_limit</c>; <paramref name="continuation"/> reads from the answer whether and where it goes on.
    /// </summary>
    public async Task<ClosePage> ReadPageAsync(IEnumerable<KeyValuePair<string, string>> filters,
        KeyValuePair<string, string>? position, Func<JsonElement, (bool HasMore, string? NextCursor)> continuation,
        RequestCounters? counters, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>(Filters.Count + 2);
        query.AddRange(filters);
        if (position is { } p) query.Add(p);
        query.Add(new("_limit", PageSize.ToString(CultureInfo.InvariantCulture)));
        var request = new CloseRequest(HttpMethod.Get, Path) { Query = query, Counters = counters };
        using var answer = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var data = ClosePage.CloneData(root);
        var (hasMore, next) = continuation(root);
        return new ClosePage(data, hasMore, next);
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
