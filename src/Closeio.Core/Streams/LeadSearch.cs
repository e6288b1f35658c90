using System.Text.Json.Nodes;
using Closeio.Core.Http;
using Closeio.Core.Records;

namespace Closeio.Core.Streams;

/// <summary>
/// The Advanced Filtering query for leads by <c>date_updated</c>, as both the leads stream and
/// Get-CloseioLead send it: leads with <c>date_updated</c> in a range, sorted ascending, with the
/// fields wanted and the counts (so a server cap lower than the caller's is noticed).
/// </summary>
internal static class LeadSearch
{
    /// <summary>The body of <c>POST data/search/</c>; a bound left null is left out (no bound at all: every lead).</summary>
    public static JsonObject Body(DateTimeOffset? onOrAfter, DateTimeOffset? before, IReadOnlyList<string> fields)
    {
        var queries = new JsonArray { new JsonObject { ["type"] = "object_type", ["object_type"] = "lead" } };
        if (onOrAfter is not null || before is not null)
        {
            var range = new JsonObject { ["type"] = "moment_range" };
            if (onOrAfter is { } from) range["on_or_after"] = Instant(from);
            if (before is { } to) range["before"] = Instant(to);
            queries.Add(new JsonObject
            {
                ["type"] = "field_condition",
                ["field"] = DateUpdatedField(),
                ["condition"] = range,
            });
        }

        return new JsonObject
        {
            ["query"] = new JsonObject { ["type"] = "and", ["queries"] = queries },
            ["sort"] = new JsonArray { new JsonObject { ["direction"] = "asc", ["field"] = DateUpdatedField() } },
            ["_fields"] = new JsonObject { ["lead"] = new JsonArray(fields.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()) },
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
        var fields = stream.Fields.Select(f => f.Name).Where(n => n != "custom_fields").ToList();
        foreach (var cf in customFields)
        {
            if (stream.CustomFieldKinds.Contains(cf.Kind)) fields.Add($"custom.{cf.Id}");
        }

        return fields;
    }

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

    private static JsonObject Instant(DateTimeOffset t) => new() { ["type"] = "fixed_utc", ["value"] = CloseTimestamp.FormatForFilter(t) };

    private static JsonObject DateUpdatedField() => new()
    {
        ["type"] = "regular_field",
        ["object_type"] = "lead",
        ["field_name"] = "date_updated",
    };
}
