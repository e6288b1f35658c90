namespace Closeio.Core.Streams;

/// <summary>
/// Reads the group list whole, then, for each group the run delivers (changed since the bookmark),
/// its members from <c>group/{id}/?_fields=name,members</c>: Close's list leaves members out. A
/// group deleted between the two requests (404) is gone and is not delivered.
/// </summary>
internal sealed class GroupsReader : IStreamReader
{
    private const string MembersField = "members";

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var definition = context.Definition;
        var query = new List<KeyValuePair<string, string>>(definition.ListQuery);
        if (context.FieldsParameter is { } fields) query.Add(new("_fields", fields));
        var pager = new SkipLimitPager(context.Client, definition.Endpoint, query, context.PageSize) { Counters = context.Counters };
        var listed = new List<JsonElement>();
        await foreach (var item in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false)) listed.Add(item);

        // Members cost one request per group: ask only for the groups this run delivers, and only when wanted.
        var wantMembers = context.Shaper.ServerFields is not { Count: > 0 } selected || selected.Contains(MembersField);
        var probe = new RecordAdmission(context);
        var items = new List<JsonElement>(listed.Count);
        foreach (var item in listed)
        {
            var record = context.Shaper.Shape(item);
            if (!probe.Admit(record, item)) continue;
            if (!wantMembers)
            {
                items.Add(item);
                continue;
            }

            if (await ReadMembersAsync(context, record.Id, cancellationToken).ConfigureAwait(false) is { } members)
                items.Add(WithMembers(item, members));
        }

        await WindowBatch.EmitAsync(context, new RecordAdmission(context), items, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The group's members as Close lists them; null when the group no longer exists.</summary>
    private static async Task<JsonNode?> ReadMembersAsync(StreamContext context, string id, CancellationToken cancellationToken)
    {
        var request = new CloseRequest(HttpMethod.Get, $"{context.Definition.Endpoint}{Uri.EscapeDataString(id)}/")
        {
            Query = [new("_fields", "name," + MembersField)],
            Counters = context.Counters,
        };
        try
        {
            using var answer = await context.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return answer.RootElement.TryGetProperty(MembersField, out var members) && members.ValueKind == JsonValueKind.Array
                ? JsonNode.Parse(members.GetRawText())
                : new JsonArray();
        }
        catch (CloseApiException e) when (e.Kind == CloseErrorKind.NotFound)
        {
            context.Log($"Group {id} was listed but no longer exists (404); it is not delivered.");
            return null;
        }
    }

    private static JsonElement WithMembers(JsonElement item, JsonNode members)
    {
        var o = JsonNode.Parse(item.GetRawText())!.AsObject();
        o[MembersField] = members;
        return JsonSerializer.SerializeToElement(o);
    }
}
