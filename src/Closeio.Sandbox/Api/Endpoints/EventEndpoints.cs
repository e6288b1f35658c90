using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// <c>/event/</c>: newest first by date_updated, cursor paging (<c>_cursor</c> → <c>cursor_next</c>
/// for older events, <c>cursor_previous</c> for newer ones), only Close's allowed filter combinations.
/// The cursor carries the date_updated range, so a request with a cursor must not repeat it.
/// </summary>
internal static class EventEndpoints
{
    private const int MaxLimit = 50;
    private static readonly string[] FilterNames = ["object_type", "object_id", "action", "lead_id", "user_id", "request_id"];

    /// <summary>The filter sets Close accepts (date_updated may join any of them).</summary>
    private static readonly HashSet<string> AllowedCombinations = new(new[]
    {
        "", "object_type+object_id", "object_type+action", "object_id+action", "lead_id+object_type",
        "lead_id+object_type+action", "lead_id+user_id+object_type", "lead_id+user_id+object_type+action",
        "lead_id+user_id", "user_id+object_id", "user_id+object_id+action", "user_id+object_type",
        "user_id+object_type+action", "lead_id", "user_id", "request_id",
    }.Select(Canonical), StringComparer.Ordinal);

    public static void Register(RouteTable routes)
    {
        routes.Get("/event/", List);
        routes.Get("/event/{id}/", ctx => Common.One(ctx, SandboxResource.Event, "Event"));
    }

    private static JsonNode List(ApiContext ctx)
    {
        var q = ctx.Query;
        var limit = q.Int("_limit", MaxLimit);
        if (limit < 1 || limit > MaxLimit)
            throw ApiException.FieldError("_limit", $"Ensure this value is between 1 and {MaxLimit}.");
        var used = FilterNames.Where(q.Has).ToList();
        if (!AllowedCombinations.Contains(Canonical(string.Join('+', used))))
            throw ApiException.BadRequest($"This combination of filters is not supported: {string.Join(", ", used)}.");

        var cursorText = q.String("_cursor");
        EventCursor cursor;
        if (cursorText is null)
        {
            var requested = DateRangeFilter.Parse(q, "date_updated");
            cursor = new EventCursor(Older: true, null, null, requested.Gt?.UtcTicks, requested.Gte?.UtcTicks, requested.Lt?.UtcTicks, requested.Lte?.UtcTicks);
        }
        else
        {
            if (DateRangeFilter.NamesIn(q, "date_updated").Any())
                throw ApiException.BadRequest("Do not repeat the date_updated filters with _cursor: the cursor already carries them.");
            cursor = EventCursor.Decode(cursorText);
        }

        var range = cursor.Range();
        // Handles only: sorting and the date range need no rendering. The other filters render a
        // candidate on first need, and only as far as the page reaches.
        var rows = ctx.Organization.Events()
            .Where(e => range.Matches(e.DateUpdated))
            .Where(e => !q.Has("object_type") || e.Type == q.String("object_type"))
            .Where(e => !q.Has("lead_id") || e.LeadId == q.String("lead_id"))
            .OrderByDescending(e => e.DateUpdated.UtcTicks).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .Select(e => new ItemRow(e))
            .ToList();
        var rendered = used.Where(f => f is not ("object_type" or "lead_id")).ToList();
        bool Wanted(ItemRow r) => rendered.All(f => r.String(f) == q.String(f));

        List<ItemRow> page;
        bool moreOlder;
        if (cursor.Older)
        {
            var older = rows.Where(r => cursor.AnchorTicks is null || cursor.IsAfterAnchor(r.Item)).Where(Wanted).Take(limit + 1).ToList();
            page = older.Take(limit).ToList();
            moreOlder = older.Count > limit;
        }
        else
        {
            // The newer events closest to the anchor, still listed newest first.
            page = rows.Where(r => cursor.IsBeforeAnchor(r.Item)).Reverse().Where(Wanted).Take(limit).Reverse().ToList();
            moreOlder = page.Count > 0 && rows.Skip(rows.IndexOf(page[^1]) + 1).Any(Wanted);
        }

        var fields = FieldSelection.FromQuery(q);
        var data = new JsonArray();
        foreach (var e in page) data.Add(fields.Apply(e.Json));
        return new JsonObject
        {
            ["data"] = data,
            ["cursor_next"] = moreOlder ? (cursor with { Older = true }).At(page[^1].Item).Encode() : null,
            // With nothing newer yet, hand the same position back so a poller can keep asking.
            ["cursor_previous"] = page.Count > 0 ? (cursor with { Older = false }).At(page[0].Item).Encode()
                : cursor.AnchorTicks is not null ? (cursor with { Older = false }).Encode() : null,
        };
    }

    private static string Canonical(string combination) =>
        string.Join('+', combination.Split('+', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    /// <summary>An opaque position in the event log: a direction, the anchor event, and the request's date range.</summary>
    private sealed record EventCursor(bool Older, long? AnchorTicks, string? AnchorId, long? Gt, long? Gte, long? Lt, long? Lte)
    {
        public EventCursor At(SandboxItem e) => this with { AnchorTicks = e.DateUpdated.UtcTicks, AnchorId = e.Id };

        /// <summary>Is e older than the anchor in (date_updated desc, id desc) order?</summary>
        public bool IsAfterAnchor(SandboxItem e) => Compare(e) < 0;
        public bool IsBeforeAnchor(SandboxItem e) => Compare(e) > 0;

        private int Compare(SandboxItem e)
        {
            var c = e.DateUpdated.UtcTicks.CompareTo(AnchorTicks!.Value);
            return c != 0 ? c : string.CompareOrdinal(e.Id, AnchorId);
        }

        public DateRangeFilter Range() => DateRangeFilter.FromTicks("date_updated", Gt, Gte, Lt, Lte);

        public string Encode() =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, CursorJson.Options))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static EventCursor Decode(string text)
        {
            try
            {
                var b64 = text.Replace('-', '+').Replace('_', '/');
                b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
                var cursor = JsonSerializer.Deserialize<EventCursor>(Convert.FromBase64String(b64), CursorJson.Options);
                if (cursor?.AnchorTicks is null || cursor.AnchorId is null) throw new FormatException();
                return cursor;
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw ApiException.BadRequest("Invalid cursor.");
            }
        }
    }
}
