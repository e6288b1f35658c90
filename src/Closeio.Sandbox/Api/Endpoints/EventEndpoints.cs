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
            // A cursor at an event the log does not know (EventUnknownCursor made one): Close's answer
            // is not documented, so the Sandbox gives either of the plausible ones.
            if (ctx.Organization.Find(SandboxResource.Event, cursor.AnchorId!) is null)
            {
                if (ctx.Options.UnknownEventCursor == UnknownEventCursorAnswer.BadRequest) throw ApiException.BadRequest("Invalid cursor.");
                return new JsonObject { ["data"] = new JsonArray(), ["cursor_next"] = null, ["cursor_previous"] = null };
            }
        }

        var range = cursor.Range();
        var rendered = used.Where(f => f is not ("object_type" or "lead_id" or "action" or "user_id" or "request_id")).ToList();
        var userId = q.String("user_id");
        var requestId = q.String("request_id");
        var userNumber = CloseId.Parse("user_", ctx.Organization.Seed, userId);
        var requestNumber = CloseId.Parse("req_", ctx.Organization.Seed, requestId);
        var objectType = q.String("object_type");
        var leadId = q.String("lead_id");
        var action = q.String("action");
        // Streams the log newest first and stops as soon as the page is full. The filters read the
        // handle; only object_id needs a rendered event.
        var rows = NewestFirst(ctx.Organization.Events())
            .SkipWhile(r => range.Lt is { } lt && r.Item.DateUpdated >= lt || range.Lte is { } lte && r.Item.DateUpdated > lte)
            .TakeWhile(r => (range.Gte is not { } gte || r.Item.DateUpdated >= gte) && (range.Gt is not { } gt || r.Item.DateUpdated > gt))
            .Where(r => range.Matches(r.Item.DateUpdated))
            .Where(r => objectType is null || r.Item.Type == objectType)
            .Where(r => leadId is null || r.Item.LeadId == leadId)
            .Where(r => action is null || ActionOf(r) == action)
            .Where(r => userId is null || Is(r, "user_id", userId, userNumber, e => e.State.User))
            .Where(r => requestId is null || Is(r, "request_id", requestId, requestNumber, e => e.State.Request))
            .Where(r => rendered.All(f => r.String(f) == q.String(f)));

        List<ItemRow> page;
        bool moreOlder;
        if (cursor.Older)
        {
            var older = (cursor.AnchorTicks is null ? rows : rows.Where(cursor.IsOlderThanAnchor)).Take(limit + 1).ToList();
            page = older.Take(limit).ToList();
            moreOlder = older.Count > limit;
        }
        else
        {
            // The newer events closest to the anchor, still listed newest first. Older ones exist
            // (the anchor itself, at least), unless the anchor has since left the 30-day log.
            var newer = rows.TakeWhile(cursor.IsNewerThanAnchor).ToList();
            page = newer.Skip(Math.Max(0, newer.Count - limit)).ToList();
            moreOlder = page.Count > 0;
        }

        var next = moreOlder ? (cursor with { Older = true }).At(page[^1].Item).Encode() : null;
        if (cursor.Older)
        {
            switch (ctx.Fault)
            {
                case SandboxFault.EventRepeatedPage when cursorText is not null:
                    // The page that ended at the anchor, again, with the cursor that was just followed.
                    var upTo = rows.TakeWhile(r => !cursor.IsOlderThanAnchor(r)).ToList();
                    page = upTo.Skip(Math.Max(0, upTo.Count - limit)).ToList();
                    next = cursorText;
                    break;
                case SandboxFault.EventEmptyPageWithMore when page.Count > 0:
                    // Following this cursor asks for the very page that was left out.
                    next = cursorText ?? ((cursor with { Older = true }).At(page[0].Item) with { Inclusive = true }).Encode();
                    page = [];
                    break;
                case SandboxFault.EventUnknownCursor when next is not null:
                    next = ((cursor with { Older = true }).At(page[^1].Item) with { AnchorId = "ev_unknown0000000000000000000000" }).Encode();
                    break;
            }
        }

        var fields = FieldSelection.FromQuery(q);
        var data = new JsonArray();
        foreach (var e in page) data.Add(fields.Apply(e.Json));
        return new JsonObject
        {
            ["data"] = data,
            ["cursor_next"] = next,
            // A poller asking for newer events and finding none gets its position back, to ask again later.
            ["cursor_previous"] = page.Count > 0 ? (cursor with { Older = false }).At(page[0].Item).Encode()
                : !cursor.Older ? cursor.Encode() : null,
        };
    }

    /// <summary>
    /// The model's log is newest first by date_updated; this settles ties by id (descending), so
    /// the order, and with it every cursor, is total. Ids are only built for tied events.
    /// </summary>
    private static IEnumerable<ItemRow> NewestFirst(IEnumerable<SandboxItem> events)
    {
        var run = new List<ItemRow>();
        foreach (var e in events)
        {
            if (run.Count > 0 && run[0].Item.DateUpdated != e.DateUpdated)
            {
                foreach (var r in Settle(run)) yield return r;
                run.Clear();
            }
            run.Add(new ItemRow(e));
        }
        foreach (var r in Settle(run)) yield return r;
    }

    private static List<ItemRow> Settle(List<ItemRow> run)
    {
        if (run.Count > 1) run.Sort((a, b) => string.CompareOrdinal(b.Id, a.Id));
        return [.. run];
    }

    // The handle knows its action; rendering the whole event (data, previous_data) just to read it is slow.
    private static string? ActionOf(ItemRow r) => r.Item is EventItem e ? e.Action : r.String("action");

    /// <summary>
    /// Compares an id-valued field through the number the id encodes, so a filter over the whole
    /// log does not render (or even build id strings for) every event.
    /// </summary>
    private static bool Is(ItemRow r, string field, string wanted, int wantedNumber, Func<EventItem, int> number)
    {
        if (r.Item is not EventItem e) return r.String(field) == wanted;
        return wantedNumber >= 0 && number(e) == wantedNumber;
    }

    private static string Canonical(string combination) =>
        string.Join('+', combination.Split('+', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    /// <summary>An opaque position in the event log: a direction, the anchor event, and the request's date range.</summary>
    /// <remarks><see cref="Inclusive"/>: the anchor itself counts as older (a cursor that starts at an event rather than after it).</remarks>
    private sealed record EventCursor(bool Older, long? AnchorTicks, string? AnchorId, long? Gt, long? Gte, long? Lt, long? Lte,
        bool Inclusive = false)
    {
        public EventCursor At(SandboxItem e) => this with { AnchorTicks = e.DateUpdated.UtcTicks, AnchorId = e.Id, Inclusive = false };

        /// <summary>Does the row come after the anchor in (date_updated desc, id desc) order?</summary>
        public bool IsOlderThanAnchor(ItemRow r) => Compare(r) is var c && (c < 0 || (Inclusive && c == 0));
        public bool IsNewerThanAnchor(ItemRow r) => Compare(r) > 0;

        private int Compare(ItemRow r)
        {
            var c = r.Item.DateUpdated.UtcTicks.CompareTo(AnchorTicks!.Value);
            return c != 0 ? c : string.CompareOrdinal(r.Id, AnchorId);
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
