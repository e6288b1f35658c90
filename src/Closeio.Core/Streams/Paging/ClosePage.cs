namespace Closeio.Core.Streams;

/// <summary>
/// One page of a list answer from Close, detached from the JSON document it came from (the objects
/// are clones, so the page outlives the answer).
/// </summary>
public sealed class ClosePage
{
    /// <summary>Creates a page.</summary>
    public ClosePage(IReadOnlyList<JsonElement> data, bool hasMore, string? nextCursor)
    {
        Data = data;
        HasMore = hasMore;
        NextCursor = nextCursor;
    }

    /// <summary>The objects of the page, in the server's order.</summary>
    public IReadOnlyList<JsonElement> Data { get; }

    /// <summary>Whether the server says there is more after this page.</summary>
    public bool HasMore { get; }

    /// <summary>The cursor of the next page, for cursor-paged endpoints; null at the end.</summary>
    public string? NextCursor { get; }

    /// <summary>
    /// For a search asked with <c>include_counts</c>: how many objects match in all (<c>count.total</c>);
    /// for a skip/limit list, its <c>total_results</c>; null when the answer did not say.
    /// </summary>
    public long? TotalCount { get; init; }

    /// <summary>
    /// For a search asked with <c>include_counts</c>: how many of them the query will yield
    /// (<c>count.limited</c>, at most the result cap); null when the answer did not say.
    /// </summary>
    public long? LimitedCount { get; init; }

    /// <summary>Copies the <c>data</c> array of an answer out of its document.</summary>
    internal static IReadOnlyList<JsonElement> CloneData(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) ||
            data.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("Close's answer has no 'data' list.");
        }

        var items = new List<JsonElement>(data.GetArrayLength());
        foreach (var item in data.EnumerateArray())
        {
            items.Add(item.Clone());
        }

        return items;
    }

    /// <summary>Reads a string property that may be absent or null.</summary>
    internal static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
