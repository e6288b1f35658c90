namespace Closeio.Core.Streams;

/// <summary>
/// The Advanced Filtering query for leads (or contacts: the search serves both object types) by
/// <c>date_updated</c>, as the leads and contacts streams and Get-CloseioLead send it: objects with
/// <c>date_updated</c> in a range, sorted ascending, with the fields wanted and the counts (so a
/// server cap lower than the caller's is noticed).
/// </summary>
internal static class LeadSearch
{
    /// <summary>The search's <c>object_type</c> for leads; <c>contact</c> is the other one Close searches.</summary>
    public const string Lead = "lead";

    /// <summary>
    /// The body of <c>POST data/search/</c>; a bound left null is left out (no bound at all: every lead).
    /// Bounds go to the millisecond (see <see cref="CloseTimestamp.FormatForSearch"/>), so the answer may
    /// hold leads up to a millisecond outside them: the caller keeps the exact bounds.
    /// <paramref name="objectType"/> is the search's object type (<c>lead</c> or <c>contact</c>).
    /// </summary>
    public static JsonObject Body(DateTimeOffset? onOrAfter, DateTimeOffset? before, IReadOnlyList<string> fields,
        string objectType = Lead)
    {
        var queries = new JsonArray { new JsonObject { ["type"] = "object_type", ["object_type"] = objectType } };
        if (onOrAfter is not null || before is not null)
        {
            var range = new JsonObject { ["type"] = "moment_range" };
            // Milliseconds only: the lower bound rounded down, the upper up; callers apply the exact bounds.
            if (onOrAfter is { } from) range["on_or_after"] = Instant(from, roundUp: false);
            if (before is { } to) range["before"] = Instant(to, roundUp: true);
            queries.Add(new JsonObject
            {
                ["type"] = "field_condition",
                ["field"] = DateUpdatedField(objectType),
                ["condition"] = range,
            });
        }

        return new JsonObject
        {
            ["query"] = new JsonObject { ["type"] = "and", ["queries"] = queries },
            ["sort"] = new JsonArray { new JsonObject { ["direction"] = "asc", ["field"] = DateUpdatedField(objectType) } },
            ["_fields"] = new JsonObject { [objectType] = new JsonArray(fields.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()) },
            ["include_counts"] = true,
        };
    }

    /// <summary>
    /// Search returns only ids unless asked: the fields the caller chose, or every schema field and
    /// every lead custom field (<c>custom.cf_...</c>).
    /// </summary>
    public static IReadOnlyList<string> Fields(RecordShaper shaper, IReadOnlyList<CustomFieldDefinition> customFields)
    {
        if (shaper.ServerFields is { Count: > 0 } chosen) return chosen;
        var stream = shaper.Stream;
        var fields = stream.Fields.Select(f => f.Name).Where(n => n != StreamCatalog.CustomValuesField).ToList();
        foreach (var cf in customFields)
        {
            if (stream.CustomFieldKinds.Contains(cf.Kind)) fields.Add($"custom.{cf.Id}");
        }

        return fields;
    }

    /// <summary>
    /// Close documents that a search result is only <c>{"__object_type": "lead", "id": ...}</c> unless
    /// <c>_fields</c> is honoured (its shape is known only from third-party code). When a page's results
    /// carry no <c>date_updated</c>, each is read in full with the documented <c>GET lead/{id}/</c> (with
    /// <c>_fields</c> as a query parameter when a property subset was chosen), and the page is put back in
    /// ascending (<c>date_updated</c>, id) order, the order the scans depend on. A page with its fields
    /// is returned as it is. <paramref name="ignored"/> is called before the first such page's reads.
    /// Objects of <paramref name="objectType"/> are read at <c>{objectType}/{id}/</c>.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> CompleteAsync(CloseClient client, IReadOnlyList<JsonElement> data,
        IReadOnlyList<string>? serverFields, RequestCounters? counters, Action? ignored, CancellationToken cancellationToken,
        string objectType = Lead)
    {
        if (data.All(item => StreamContext.ReadTime(item, "date_updated") is not null)) return data;
        ignored?.Invoke();
        var query = new List<KeyValuePair<string, string>>();
        if (serverFields is { Count: > 0 } fields)
            query.Add(new("_fields", string.Join(',', fields.Concat(["id", "date_updated"]).Distinct(StringComparer.Ordinal))));
        var full = new List<JsonElement>(data.Count);
        foreach (var item in data)
        {
            if (StreamContext.ReadTime(item, "date_updated") is not null)
            {
                full.Add(item);
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var idElement) ||
                idElement.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(idElement.GetString()))
            {
                throw new InvalidDataException($"A {objectType} search result has neither its fields nor an id to read it by.");
            }

            var request = new CloseRequest(HttpMethod.Get, ObjectPath(objectType, idElement.GetString()!))
            {
                Query = query,
                Counters = counters,
            };
            using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            full.Add(answer.RootElement.Clone());
        }

        full.Sort((a, b) =>
        {
            var byKey = Nullable.Compare(StreamContext.ReadTime(a, "date_updated"), StreamContext.ReadTime(b, "date_updated"));
            return byKey != 0 ? byKey : string.CompareOrdinal(IdOf(a), IdOf(b));
        });
        return full;
    }

    /// <summary>What a server that ignores <c>_fields</c> in a search makes the reader of <paramref name="stream"/> do, for the log.</summary>
    public static string FieldsIgnoredMessage(string stream, string objectType = Lead) =>
        $"{stream}: the server answered data/search/ without the fields asked for in _fields (only ids); " +
        $"each {objectType} of a page is read with GET {objectType}/{{id}}/ instead, one request per {objectType}.";

    /// <summary>The documented path of one object of <paramref name="objectType"/>: <c>lead/{id}/</c>, <c>contact/{id}/</c>.</summary>
    public static string ObjectPath(string objectType, string id) => $"{objectType}/{Uri.EscapeDataString(id)}/";

    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>Words of a 400 that is plainly about another part of the search body than its cursor.</summary>
    private static readonly string[] OtherCauses = ["limit", "query", "sort", "field", "skip", "count"];

    /// <summary>
    /// Whether a 400 to a follow-up page (one sent with a cursor) means the cursor expired: Close
    /// answers "Expired cursor" when a cursor outlived its ~30 seconds, but the wording is not
    /// documented, so any 400 there counts unless its text plainly names another cause (the limit,
    /// the query, the sort, a field) without naming the cursor. The caller restarts from the last key
    /// it delivered, so a wrong guess costs a query, never a record.
    /// </summary>
    public static bool IsExpiredCursor(CloseApiException e)
    {
        if (e.StatusCode != 400) return false;
        var text = e.CloseError ?? "";
        if (text.Contains("cursor", StringComparison.OrdinalIgnoreCase) ||
            text.Contains("expired", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !OtherCauses.Any(word => text.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the answer's counts say the server's own cap cut the query short.</summary>
    public static bool WasCapped(ClosePage page) =>
        page.TotalCount is { } total && page.LimitedCount is { } limited && total > limited;

    private static JsonObject Instant(DateTimeOffset t, bool roundUp) =>
        new() { ["type"] = "fixed_utc", ["value"] = CloseTimestamp.FormatForSearch(t, roundUp) };

    private static JsonObject DateUpdatedField(string objectType) => new()
    {
        ["type"] = "regular_field",
        ["object_type"] = objectType,
        ["field_name"] = "date_updated",
    };
}
