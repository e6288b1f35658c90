using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// <c>POST /data/search/</c> for leads and contacts. A cursor is a position in the result set, which
/// is computed afresh for every page: an object edited mid-scan leaves its place (its new
/// <c>date_updated</c> sorts it later), the ones after it slide up one place, and the next page
/// starts one too far. Close documents nothing that makes its cursors stable, and a production
/// connector found them unstable, so the emulator makes no promise either. A cursor expires
/// <see cref="SandboxApiOptions.CursorExpiry"/> after it was issued, and one query yields at most
/// <see cref="SandboxApiOptions.SearchResultCap"/> objects. Moments must be written as
/// <c>toISOString()</c> does (milliseconds and <c>Z</c>), <c>_fields</c> may name at most
/// <see cref="MaxSelectors"/> selectors, and a <c>custom.cf_...</c> selector must name a live field.
/// </summary>
internal static class SearchEndpoint
{
    private const int MaxLimit = 200;
    private const int DefaultLimit = 100;

    /// <summary>
    /// Most <c>_fields</c> selectors one search accepts: Close is reported to accept about 80 and to
    /// refuse about 140; the exact limit is unknown, so the emulator refuses above 100.
    /// </summary>
    internal const int MaxSelectors = 100;

    public static void Register(RouteTable routes) => routes.Post("/data/search/", Search);

    private static JsonNode Search(ApiContext ctx)
    {
        if (ctx.Body is not JsonObject body) throw ApiException.BadRequest("The body must be a JSON object with a query.");
        var query = body["query"] as JsonObject ?? throw ApiException.FieldError("query", "This field is required.");
        var objectType = SearchQuery.ObjectType(query);
        var predicate = SearchQuery.Compile(query, objectType);
        var sort = SearchSort.Parse(body["sort"], objectType);
        var limit = Int(body, "_limit") ?? DefaultLimit;
        if (limit < 1 || limit > MaxLimit) throw ApiException.FieldError("_limit", $"Ensure this value is between 1 and {MaxLimit}.");
        var resultsLimit = Int(body, "results_limit");
        if (resultsLimit < 0) throw ApiException.FieldError("results_limit", "Ensure this value is greater than or equal to 0.");
        var includeCounts = body["include_counts"] is JsonValue ic && ic.GetValueKind() == JsonValueKind.True;
        var fields = Fields(body, objectType, ctx.Organization);
        var fingerprint = Fingerprint(query, body["sort"], objectType);

        var candidates = objectType == "lead" ? ctx.Organization.Leads() : ctx.Organization.Contacts();
        var matches = candidates.Select(i => new ItemRow(i)).Where(predicate).Select(r => (Row: r, Key: sort.KeyOf(r))).ToList();
        matches.Sort((a, b) => sort.Compare(a.Key, b.Key));

        var delivered = 0;
        if (body["cursor"] is JsonValue cv && JsonValues.AsText(cv) is { } cursorText)
        {
            var cursor = SearchCursor.Decode(cursorText);
            if (cursor.Fingerprint != fingerprint)
                throw ApiException.BadRequest("Invalid cursor: it belongs to a different query or sort.");
            if (ctx.Now - new DateTimeOffset(cursor.IssuedTicks, TimeSpan.Zero) > ctx.Options.CursorExpiry)
                throw ApiException.FieldErrors("cursor", "Expired cursor");
            delivered = cursor.Delivered;
        }

        var cap = Math.Min(ctx.Options.SearchResultCap, resultsLimit ?? int.MaxValue);
        // Positional: the cursor's offset into today's result set, whatever moved since it was issued.
        var rest = matches.Skip(delivered).ToList();
        var page = rest.Take(Math.Max(0, Math.Min(limit, cap - delivered))).ToList();
        var deliveredNow = delivered + page.Count;
        var more = rest.Count > page.Count && deliveredNow < cap && page.Count > 0;

        var data = new JsonArray();
        foreach (var (row, _) in page) data.Add(Result(row, objectType, fields));
        var result = new JsonObject
        {
            ["data"] = data,
            ["cursor"] = more
                ? new SearchCursor(fingerprint, page[^1].Key.Values, page[^1].Key.Id, deliveredNow, ctx.Now.UtcTicks).Encode()
                : null,
        };
        if (includeCounts)
            result["count"] = new JsonObject { ["limited"] = Math.Min(matches.Count, cap), ["total"] = matches.Count };
        return result;
    }

    private static JsonObject Result(ItemRow row, string objectType, FieldSelection? fields)
    {
        if (fields is null) return new JsonObject { ["__object_type"] = objectType, ["id"] = row.Item.Id };
        var selected = fields.Apply(row.Json);
        selected["__object_type"] = objectType;
        return selected;
    }

    /// <summary><c>_fields</c> is a dict by object type; null means "id only".</summary>
    private static FieldSelection? Fields(JsonObject body, string objectType, SandboxOrganization org)
    {
        if (body["_fields"] is null) return null;
        if (body["_fields"] is not JsonObject byType)
            throw ApiException.FieldError("_fields", "Must be a dict by object type, e.g. {\"lead\": [\"id\", \"display_name\"]}.");
        if (byType[objectType] is not JsonArray names) return null;
        var selectors = names.Select(n => n is JsonValue v ? JsonValues.AsText(v) ?? "" : "").ToList();
        if (selectors.Count > MaxSelectors)
            throw ApiException.BadRequest($"Too many fields requested in _fields ({selectors.Count}); at most {MaxSelectors} are allowed.");
        var live = new HashSet<string>(
            org.CustomFields(objectType).Concat(org.CustomFields("shared")).Select(cf => "custom." + cf.Id), StringComparer.Ordinal);
        foreach (var selector in selectors)
        {
            if (selector.StartsWith("custom.", StringComparison.Ordinal) && !live.Contains(selector))
                throw ApiException.BadRequest($"Invalid _fields: unknown field '{selector}'.");
        }

        return FieldSelection.Of(selectors);
    }

    private static int? Int(JsonObject body, string name)
    {
        if (body[name] is null) return null;
        if (body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i)) return i;
        throw ApiException.FieldError(name, "Enter a whole number.");
    }

    private static string Fingerprint(JsonObject query, JsonNode? sort, string objectType)
    {
        var text = objectType + "\n" + query.ToJsonString() + "\n" + (sort?.ToJsonString() ?? "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}

/// <summary>A row's position in the sort order: one text per sort field, then the id.</summary>
internal sealed record SearchKey(string?[] Values, string Id);

/// <summary>The <c>sort</c> of a search: fields with directions; the id (ascending) breaks ties.</summary>
internal sealed class SearchSort
{
    private readonly List<(SearchField Field, bool Descending)> _fields;

    private SearchSort(List<(SearchField, bool)> fields) => _fields = fields;

    public static SearchSort Parse(JsonNode? node, string objectType)
    {
        var fields = new List<(SearchField, bool)>();
        if (node is null) return new SearchSort(fields);
        if (node is not JsonArray list) throw ApiException.FieldError("sort", "Must be a list of {direction, field}.");
        foreach (var entry in list)
        {
            if (entry is not JsonObject o) throw ApiException.FieldError("sort", "Must be a list of {direction, field}.");
            var direction = SearchField.Str(o, "direction") ?? "asc";
            if (direction is not ("asc" or "desc")) throw ApiException.FieldError("sort", "direction must be asc or desc.");
            fields.Add((SearchField.Parse(o["field"], objectType), direction == "desc"));
        }
        return new SearchSort(fields);
    }

    public SearchKey KeyOf(ItemRow row) =>
        new(_fields.Select(f => Sortable(row, f.Field)).ToArray(), row.Item.Id);

    public int Compare(SearchKey a, SearchKey b)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            var c = string.CompareOrdinal(a.Values[i], b.Values[i]);
            if (c != 0) return _fields[i].Descending ? -c : c;
        }
        return string.CompareOrdinal(a.Id, b.Id);
    }

    // Dates sort by instant, whatever their text form; missing values sort first.
    private static string? Sortable(ItemRow row, SearchField field) =>
        field.Name.StartsWith("date", StringComparison.Ordinal) && row.Date(field) is { } d
            ? d.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture)
            : row.Text(field);
}

/// <summary>The opaque search cursor: which query, where it stopped, how much it delivered, when it was issued.</summary>
internal sealed record SearchCursor(string Fingerprint, string?[] Values, string Id, int Delivered, long IssuedTicks)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, CursorJson.Options)));

    public static SearchCursor Decode(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<SearchCursor>(Convert.FromBase64String(text), CursorJson.Options)
                ?? throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw ApiException.BadRequest("Invalid cursor.");
        }
    }
}
