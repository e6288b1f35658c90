namespace Closeio.Core.Streams;

/// <summary>Users: <c>GET user/</c> read whole (organizations have few); delivers those updated since the bookmark.</summary>
internal sealed class UsersReader : IStreamReader
{
    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var query = context.FieldsParameter is { } fields ? new[] { new KeyValuePair<string, string>("_fields", fields) } : [];
        var pager = new SkipLimitPager(context.Client, "user/", query, context.PageSize) { Counters = context.Counters };
        var items = new List<System.Text.Json.JsonElement>();
        await foreach (var item in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false)) items.Add(item);
        var admission = new RecordAdmission(context);
        await WindowBatch.EmitAsync(context, admission, items.Where(i => StartsInRange(context, i)), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Whole-read streams still honour the start date when they have no bookmark.</summary>
    internal static bool StartsInRange(StreamContext context, System.Text.Json.JsonElement item) =>
        context.Bookmark?.Value is not null ||
        StreamContext.ReadTime(item, context.Definition.ReplicationKey) is not { } key || key >= context.StartDate;
}
