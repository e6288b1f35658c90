using System.Text.Json;
using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>A field named in a query or sort: a regular field, or a custom field (rendered as <c>custom.cf_X</c>).</summary>
internal sealed record SearchField(string Name, bool IsCustom)
{
    public string JsonKey => IsCustom ? "custom." + Name : Name;

    public static SearchField Parse(JsonNode? node, string objectType)
    {
        if (node is not JsonObject f) throw ApiException.BadRequest("A field must be an object with a type.");
        switch (Str(f, "type"))
        {
            case "regular_field":
                if (Str(f, "object_type") is { } ot && ot != objectType)
                    throw ApiException.BadRequest($"Conditions on related objects ({ot}) are not supported by the sandbox.");
                return new SearchField(Str(f, "field_name") ?? throw ApiException.BadRequest("regular_field needs field_name."), false);
            case "custom_field":
                return new SearchField(Str(f, "custom_field_id") ?? throw ApiException.BadRequest("custom_field needs custom_field_id."), true);
            default:
                throw ApiException.BadRequest($"Unsupported field type '{Str(f, "type")}'.");
        }
    }

    internal static string? Str(JsonObject o, string name) => JsonValues.String(o, name);
}

/// <summary>Compiles the JSON query of <c>/data/search/</c> into a predicate over rows.</summary>
internal static partial class SearchQuery
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial System.Text.RegularExpressions.Regex IsoMoment();

    /// <summary>The object type the query searches: exactly one <c>object_type</c> clause, lead or contact.</summary>
    public static string ObjectType(JsonObject query)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(query, found);
        if (found.Count != 1)
            throw ApiException.BadRequest("The query must contain exactly one object_type clause (lead or contact).");
        var type = found.Single();
        if (type is not ("lead" or "contact"))
            throw ApiException.BadRequest($"The sandbox searches leads and contacts only, not '{type}'.");
        return type;
    }

    public static Func<ItemRow, bool> Compile(JsonNode? node, string objectType)
    {
        if (node is not JsonObject q) throw ApiException.BadRequest("Each query must be an object with a type.");
        switch (SearchField.Str(q, "type"))
        {
            case "and":
                var all = Children(q).Select(c => Compile(c, objectType)).ToList();
                return r => all.All(p => p(r));
            case "or":
                var any = Children(q).Select(c => Compile(c, objectType)).ToList();
                return r => any.Any(p => p(r));
            case "not":
                var inner = Compile(q["query"], objectType);
                return r => !inner(r);
            case "object_type":
            case "match_all":
                return _ => true;
            case "field_condition":
                var field = SearchField.Parse(q["field"], objectType);
                return Condition(field, q["condition"] as JsonObject ?? throw ApiException.BadRequest("field_condition needs a condition."));
            default:
                throw ApiException.BadRequest($"Unsupported query type '{SearchField.Str(q, "type")}'.");
        }
    }

    private static Func<ItemRow, bool> Condition(SearchField field, JsonObject c)
    {
        switch (SearchField.Str(c, "type"))
        {
            case "moment_range":
                var from = Moment(c["on_or_after"]);
                var before = Moment(c["before"]);
                return r => r.Date(field) is { } d && (from is null || d >= from) && (before is null || d < before);
            case "text":
                var mode = SearchField.Str(c, "mode") ?? "full_words";
                var value = SearchField.Str(c, "value") ?? throw ApiException.BadRequest("A text condition needs a value.");
                return r => Text(r.Text(field), value, mode);
            case "term":
                var values = (c["values"] as JsonArray ?? throw ApiException.BadRequest("A term condition needs values."))
                    .Select(v => v is JsonValue jv ? JsonValues.AsText(jv) : null).ToHashSet(StringComparer.Ordinal);
                return r => values.Contains(r.Text(field));
            case "boolean":
                var expected = c["value"] is JsonValue b && b.GetValueKind() is JsonValueKind.True;
                return r => string.Equals(r.Text(field), expected ? "true" : "false", StringComparison.Ordinal);
            case "exists":
                return r => !string.IsNullOrEmpty(r.Text(field));
            default:
                throw ApiException.BadRequest($"Unsupported condition type '{SearchField.Str(c, "type")}'.");
        }
    }

    private static DateTimeOffset? Moment(JsonNode? node)
    {
        if (node is null) return null;
        if (node is not JsonObject m || SearchField.Str(m, "type") != "fixed_utc")
            throw ApiException.BadRequest("The sandbox supports only fixed_utc moments.");
        // Close is reported to refuse 2025-03-18T15:49:14.689000+00:00 and accept 2025-03-18T15:49:14.689Z.
        var text = SearchField.Str(m, "value");
        return text is not null && IsoMoment().IsMatch(text) && ApiDates.TryParse(text, out var d)
            ? d : throw ApiException.BadRequest($"Invalid moment value '{text}': expected an ISO 8601 UTC time with milliseconds, e.g. 2024-01-02T03:04:05.678Z.");
    }

    private static bool Text(string? actual, string wanted, string mode)
    {
        if (actual is null) return false;
        var a = actual.ToLowerInvariant();
        var w = wanted.ToLowerInvariant();
        return mode switch
        {
            "exact_value" => a == w,
            "full_words" => w.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .All(word => a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(word)),
            _ => a.Contains(w, StringComparison.Ordinal),
        };
    }

    private static IEnumerable<JsonNode?> Children(JsonObject q) =>
        q["queries"] as JsonArray ?? throw ApiException.BadRequest($"A '{SearchField.Str(q, "type")}' query needs a queries list.");

    private static void Collect(JsonNode? node, HashSet<string> found)
    {
        if (node is not JsonObject q) return;
        if (SearchField.Str(q, "type") == "object_type" && SearchField.Str(q, "object_type") is { } t) found.Add(t);
        if (q["queries"] is JsonArray children) foreach (var c in children) Collect(c, found);
        if (q["query"] is JsonObject inner) Collect(inner, found);
    }
}
