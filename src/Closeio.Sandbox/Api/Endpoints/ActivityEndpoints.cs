using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// <c>/activity/</c> and the per-type endpoints. Newest first by date_created (or by activity_at
/// with <c>_order_by=-activity_at</c>). No date_updated filter exists, as on Close.
/// </summary>
internal static class ActivityEndpoints
{
    private static readonly SkipLimitRules Rules = new(MaxLimit: 100, DefaultLimit: 100, IncludeTotal: false);

    /// <summary>Per-type path (under /activity/) → the activity's <c>_type</c>.</summary>
    internal static readonly IReadOnlyDictionary<string, string> TypePaths = new Dictionary<string, string>
    {
        ["call"] = "Call",
        ["email"] = "Email",
        ["emailthread"] = "EmailThread",
        ["note"] = "Note",
        ["sms"] = "SMS",
        ["meeting"] = "Meeting",
        ["status_change/lead"] = "LeadStatusChange",
        ["status_change/opportunity"] = "OpportunityStatusChange",
        ["task_completed"] = "TaskCompleted",
        ["created"] = "Created",
        ["lead_merge"] = "LeadMerge",
        ["whatsapp_message"] = "WhatsAppMessage",
        ["form_submission"] = "FormSubmission",
        ["custom"] = "CustomActivity",
    };

    public static void Register(RouteTable routes)
    {
        routes.Get("/activity/", ctx => List(ctx, null));
        routes.Get("/activity/{id}/", ctx => Common.One(ctx, SandboxResource.Activity, "Activity"));
        foreach (var (path, type) in TypePaths)
        {
            routes.Get($"/activity/{path}/", ctx => List(ctx, type));
            routes.Get($"/activity/{path}/{{id}}/", ctx => Common.One(ctx, SandboxResource.Activity, type, a => a.Type == type));
        }
    }

    private static JsonNode List(ApiContext ctx, string? pathType)
    {
        var q = ctx.Query;
        // On the combined endpoint these need lead_id; a per-type endpoint takes user_id and contact_id alone.
        foreach (var filter in pathType is null ? new[] { "user_id", "contact_id", "_type" } : ["_type"]) Common.RequireWith(q, filter, "lead_id");
        var byActivityAt = q.String("_order_by") == "-activity_at";
        var oldestFirst = q.String("_order_by") == "date_created";
        if (q.Has("_order_by") && q.String("_order_by") is not ("-date_created" or "date_created" or "-activity_at"))
            throw ApiException.FieldError("_order_by", "Order by date_created, -date_created or -activity_at.");
        var activityAt = DateRangeFilter.Parse(q, "activity_at");
        if (activityAt.IsSet && !byActivityAt)
            throw ApiException.BadRequest("The activity_at filters can only be used with _order_by=-activity_at.");

        var created = DateRangeFilter.Parse(q, "date_created");
        var (from, to) = created.Bounds();
        var type = pathType ?? q.String("_type");
        IEnumerable<SandboxItem> items = ctx.Organization.Activities(from, to, q.String("lead_id"), type)
            .Where(a => created.Matches(a.DateCreated));
        items = Common.IdIn(q, items);
        if (q.String("user_id") is { } userId) items = items.Where(a => JsonValues.String(a.Render(), "user_id") == userId);
        if (q.String("contact_id") is { } contactId) items = items.Where(a => JsonValues.String(a.Render(), "contact_id") == contactId);
        if (byActivityAt)
        {
            var rows = items.Select(a => (Item: a, At: ActivityAt(a))).Where(a => activityAt.Matches(a.At)).ToList();
            var at = rows.ToDictionary(r => r.Item, r => Common.Ticks(r.At));
            items = Ordering.By(at.Keys, a => at[a], descending: true);
        }
        else if (oldestFirst)
        {
            items = Ordering.By(items, a => a.DateCreated.UtcTicks, descending: false);
        }
        return SkipLimitPage.Build(ctx, items, Rules);
    }

    // Activities without an activity_at of their own happened when they were created.
    private static DateTimeOffset ActivityAt(SandboxItem a) => JsonValues.Date(a.Render(), "activity_at") ?? a.DateCreated;
}
