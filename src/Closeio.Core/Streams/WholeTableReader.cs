namespace Closeio.Core.Streams;

/// <summary>
/// A small table read whole each run from its definition's endpoint (<c>GET user/</c>,
/// <c>GET status/lead/</c>, ...), paged with <c>_skip</c>/<c>_limit</c>. A stream with a bookmark
/// delivers what changed since it, and everything on a run without one, whatever the start date (a
/// dimension table: a row created years ago is still needed to read the rest); a full-table stream
/// delivers everything on every run.
/// </summary>
internal sealed class WholeTableReader : IStreamReader
{
    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var definition = context.Definition;
        var query = new List<KeyValuePair<string, string>>(definition.ListQuery);
        if (context.FieldsParameter is { } fields) query.Add(new("_fields", fields));
        var pager = new SkipLimitPager(context.Client, definition.Endpoint, query, context.PageSize) { Counters = context.Counters };
        var items = new List<System.Text.Json.JsonElement>();
        await foreach (var item in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false)) items.Add(item);
        var admission = new RecordAdmission(context);
        await WindowBatch.EmitAsync(context, admission, items, cancellationToken).ConfigureAwait(false);
    }
}
