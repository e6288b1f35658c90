namespace Closeio.Core.Streams;

/// <summary>
/// Reads a stream Close lists only per parent (<c>comment/?thread_id=</c>, <c>sequence_subscription/?sequence_id=</c>):
/// the parents whole from <paramref name="parentEndpoint"/>, then each parent's children from the
/// definition's endpoint with <paramref name="parentParameter"/> set to the parent's id, all with
/// <c>_skip</c>/<c>_limit</c>. The children are delivered together, in (key, id) order, through the
/// usual admission: a stream with a bookmark delivers what changed since it, a full-table stream all.
/// </summary>
/// <param name="parentEndpoint">The parents' list, relative to the API base (ends with '/').</param>
/// <param name="parentParameter">The children's filter that names one parent.</param>
/// <param name="parentQuery">Parameters the parents' list carries, besides paging.</param>
internal sealed class ParentChildReader(string parentEndpoint, string parentParameter,
    IReadOnlyList<KeyValuePair<string, string>>? parentQuery = null) : IStreamReader
{
    /// <summary>The page size of the parents' list (Close's usual maximum).</summary>
    internal const int ParentPageSize = 100;

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var parentIds = new List<string>();
        var query = new List<KeyValuePair<string, string>>(parentQuery ?? []) { new("_fields", "id") };
        var parents = new SkipLimitPager(context.Client, parentEndpoint, query, ParentPageSize) { Counters = context.Counters };
        await foreach (var parent in parents.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            if (parent.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String) parentIds.Add(id.GetString()!);

        var items = new List<JsonElement>();
        await foreach (var item in ChildrenAsync(context, parentParameter, parentIds, cancellationToken).ConfigureAwait(false))
            items.Add(item);
        await WindowBatch.EmitAsync(context, new RecordAdmission(context), items, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The children of each parent in <paramref name="parentIds"/>, parent by parent.</summary>
    internal static async IAsyncEnumerable<JsonElement> ChildrenAsync(StreamContext context, string parameter,
        IEnumerable<string> parentIds, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var definition = context.Definition;
        var done = 0;
        foreach (var parentId in parentIds)
        {
            var query = new List<KeyValuePair<string, string>>(definition.ListQuery) { new(parameter, parentId) };
            if (context.FieldsParameter is { } fields) query.Add(new("_fields", fields));
            var pager = new SkipLimitPager(context.Client, definition.Endpoint, query, context.PageSize) { Counters = context.Counters };
            await foreach (var item in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return item;
            if (++done % 100 == 0) context.Progress($"{done} parents read");
        }
    }
}
