using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Closeio.Core.Http;
using Closeio.Core.Records;
using Closeio.Core.Streams;

namespace Closeio.Core.Queries;

/// <summary>
/// Leads (Get-CloseioLead): one lead by id, the leads updated in a time range (Advanced Filtering,
/// sorted by <c>date_updated</c>), or every lead.
/// </summary>
public sealed class LeadQuery : RecordQuery
{
    private const int ListPageSize = 200;

    /// <summary>Reads the lead with this id only (<c>lead/{id}/</c>); the date filters are then ignored.</summary>
    public string? Id { get; init; }

    /// <summary>Only leads updated at or after this instant.</summary>
    public DateTimeOffset? UpdatedAfter { get; init; }

    /// <summary>Only leads updated before this instant.</summary>
    public DateTimeOffset? UpdatedBefore { get; init; }

    /// <summary>The properties wanted (field or custom field names); null for all. Sent to Close as <c>_fields</c>.</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>Most objects one search query yields before it must be restarted (Close: 10,000).</summary>
    internal int SearchResultCap { get; init; } = 10_000;

    /// <inheritdoc />
    public override string Stream => "leads";

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        QueryText.CheckRange(UpdatedAfter, UpdatedBefore, "UpdatedAfter", "UpdatedBefore");
        var stream = StreamCatalog.Get(Stream);
        var customFields = await context.CustomFieldsAsync(stream.CustomFieldKinds, cancellationToken).ConfigureAwait(false);
        var shaper = new RecordShaper(stream, customFields, Properties);
        var client = context.Connection.Client;

        if (!string.IsNullOrWhiteSpace(Id))
        {
            var query = new List<KeyValuePair<string, string>>();
            if (shaper.ServerFields is { } fields) query.Add(new("_fields", string.Join(',', fields)));
            var request = new CloseRequest(HttpMethod.Get, $"lead/{Uri.EscapeDataString(Id.Trim())}/")
            {
                Query = query,
                Counters = context.Counters,
            };
            using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            yield return shaper.Shape(answer.RootElement);
            yield break;
        }

        if (UpdatedAfter is null && UpdatedBefore is null)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (shaper.ServerFields is { } fields) query.Add(new("_fields", string.Join(',', fields)));
            var pager = new SkipLimitPager(client, "lead/", query, context.Paging.PageSize(ListPageSize)) { Counters = context.Counters };
            await foreach (var lead in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return shaper.Shape(lead);
            yield break;
        }

        await foreach (var lead in SearchAsync(context, shaper, cancellationToken).ConfigureAwait(false))
            yield return lead;
    }

    /// <summary>
    /// Scans the range in date_updated order. A search yields at most <see cref="SearchResultCap"/>
    /// objects and its cursor expires: either way the scan restarts at the last date delivered,
    /// leaving out the ids already delivered at that instant.
    /// </summary>
    private async IAsyncEnumerable<Record> SearchAsync(QueryContext context, RecordShaper shaper,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fields = shaper.ServerFields ?? DefaultSearchFields(shaper);
        var from = UpdatedAfter;
        var seenAtFrom = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var pager = new SearchPager(context.Connection.Client, SearchBody(from, UpdatedBefore, fields),
                context.Paging.PageSize(SearchPager.MaxPageSize)) { Counters = context.Counters };
            var yielded = 0;
            var delivered = 0;
            var restart = false;
            DateTimeOffset? lastKey = null;
            var atLastKey = new HashSet<string>(StringComparer.Ordinal);
            var pages = pager.ReadPagesAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using var disposePages = pages.ConfigureAwait(false);
            while (true)
            {
                bool more;
                try
                {
                    more = await pages.MoveNextAsync().ConfigureAwait(false);
                }
                catch (CloseApiException e) when (yielded > 0 && IsExpiredCursor(e))
                {
                    restart = true;
                    break;
                }

                if (!more) break;
                foreach (var element in pages.Current.Data)
                {
                    yielded++;
                    var record = shaper.Shape(WithoutObjectType(element));
                    if (from is { } f && record.Key == f && seenAtFrom.Contains(record.Id)) continue;
                    if (lastKey != record.Key)
                    {
                        lastKey = record.Key;
                        atLastKey.Clear();
                    }

                    atLastKey.Add(record.Id);
                    delivered++;
                    yield return record;
                }
            }

            if (!restart && yielded < SearchResultCap) yield break;
            // A query that brought nothing new cannot make progress by repeating it.
            if (lastKey is null || delivered == 0) yield break;
            if (lastKey == from)
            {
                // Every object of the last query shared one instant: keep excluding the earlier ones too.
                seenAtFrom.UnionWith(atLastKey);
            }
            else
            {
                from = lastKey;
                seenAtFrom = atLastKey;
            }
        }
    }

    private static bool IsExpiredCursor(CloseApiException e) =>
        e.Kind == CloseErrorKind.BadRequest &&
        (e.CloseError?.Contains("cursor", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Search results carry <c>__object_type</c>, which is not a lead field.</summary>
    private static JsonElement WithoutObjectType(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("__object_type", out _)) return element;
        var node = JsonNode.Parse(element.GetRawText())!.AsObject();
        node.Remove("__object_type");
        return JsonSerializer.SerializeToElement(node);
    }

    private static IReadOnlyList<string> DefaultSearchFields(RecordShaper shaper)
    {
        // Search answers hold only ids unless fields are named: name every schema field and all custom values.
        var fields = shaper.Stream.Fields.Select(f => f.Name).Where(n => n != "custom_fields").ToList();
        if (shaper.Stream.CustomFieldKinds.Count > 0) fields.Add("custom");
        return fields;
    }

    private static JsonObject SearchBody(DateTimeOffset? from, DateTimeOffset? before, IReadOnlyList<string> fields)
    {
        var range = new JsonObject { ["type"] = "moment_range" };
        if (from is { } f) range["on_or_after"] = new JsonObject { ["type"] = "fixed_utc", ["value"] = QueryText.Instant(f) };
        if (before is { } b) range["before"] = new JsonObject { ["type"] = "fixed_utc", ["value"] = QueryText.Instant(b) };
        return new JsonObject
        {
            ["query"] = new JsonObject
            {
                ["type"] = "and",
                ["queries"] = new JsonArray
                {
                    new JsonObject { ["type"] = "object_type", ["object_type"] = "lead" },
                    new JsonObject
                    {
                        ["type"] = "field_condition",
                        ["field"] = DateUpdatedField(),
                        ["condition"] = range,
                    },
                },
            },
            ["sort"] = new JsonArray { new JsonObject { ["direction"] = "asc", ["field"] = DateUpdatedField() } },
            ["_fields"] = new JsonObject { ["lead"] = new JsonArray(fields.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()) },
        };
    }

    private static JsonObject DateUpdatedField() => new()
    {
        ["type"] = "regular_field",
        ["object_type"] = "lead",
        ["field_name"] = "date_updated",
    };
}
