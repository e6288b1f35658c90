namespace Closeio.Core.Streams;

/// <summary>
/// Users: <c>GET user/</c> read whole (organizations have few); delivers those updated since the
/// bookmark, and every user on a run without one, whatever the start date (users are a small
/// dimension table; one created years ago is still needed to read the rest).
/// </summary>
internal sealed class UsersReader : IStreamReader
{
    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var query = context.FieldsParameter is { } fields ? new[] { new KeyValuePair<string, string>("_fields", fields) } : [];
        var pager = new SkipLimitPager(context.Client, "user/", query, context.PageSize) { Counters = context.Counters };
        var items = new List<System.Text.Json.JsonElement>();
        await foreach (var item in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false)) items.Add(item);
        var admission = new RecordAdmission(context);
        await WindowBatch.EmitAsync(context, admission, items, cancellationToken).ConfigureAwait(false);
    }
}
