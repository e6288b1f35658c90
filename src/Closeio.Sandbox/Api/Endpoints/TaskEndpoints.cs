using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// <c>/task/</c>. Close's trap, reproduced on purpose: without <c>_type</c> only <c>lead</c> tasks
/// come back; <c>_type=all</c> or <c>_type__in=a,b</c> reach the others.
/// </summary>
internal static class TaskEndpoints
{
    private static readonly SkipLimitRules Rules = new(MaxLimit: 1000, DefaultLimit: 100, IncludeTotal: true);

    internal static readonly string[] Types =
        ["lead", "incoming_email", "email_followup", "missed_call", "answered_detached_call", "voicemail", "opportunity_due", "incoming_sms"];

    public static void Register(RouteTable routes)
    {
        routes.Get("/task/", List);
        routes.Get("/task/{id}/", ctx => Common.One(ctx, SandboxResource.Task, "Task"));
    }

    private static JsonNode List(ApiContext ctx)
    {
        var q = ctx.Query;
        var types = AllowedTypes(q);
        var (field, descending) = Ordering.Read(q, "date_created", "date", "date_created");
        var view = q.String("view");
        if (view is not (null or "inbox" or "future" or "archive"))
            throw ApiException.FieldError("view", "Must be inbox, future or archive.");
        // Close lets view= override the date filters, so they are only read without it.
        DateRangeFilter[] filters = view is null
            ? new[] { "date_created", "date_updated", "date", "due_date" }.Select(f => DateRangeFilter.Parse(q, f)).ToArray()
            : [];
        var isComplete = q.Bool("is_complete");
        var assignedTo = q.String("assigned_to");
        var now = ctx.Now;

        var items = Common.IdIn(q, ctx.Organization.Tasks(q.String("lead_id")))
            .Where(t => types is null || (t.Type is not null && types.Contains(t.Type)))
            .Select(t => (Item: t, Json: t.Render()))
            .Where(t => filters.All(f => f.Matches(Value(t.Item, t.Json, f.Field))))
            .Where(t => isComplete is null || JsonValues.Bool(t.Json, "is_complete") == isComplete)
            .Where(t => assignedTo is null || JsonValues.String(t.Json, "assigned_to") == assignedTo)
            .Where(t => view is null || InView(view, t.Json, now))
            .ToList();
        var dates = items.ToDictionary(t => t.Item, t => Common.Ticks(field == "date" ? JsonValues.Date(t.Json, "date") : t.Item.DateCreated));
        var ordered = Ordering.By(items.Select(t => t.Item), t => dates[t], descending);
        return SkipLimitPage.Build(ctx, ordered, Rules);
    }

    /// <summary>Null means every type.</summary>
    private static HashSet<string>? AllowedTypes(ApiQuery q)
    {
        if (q.Has("_type") && q.Has("_type__in")) throw ApiException.BadRequest("Use either _type or _type__in, not both.");
        IReadOnlyList<string> requested = q.Has("_type__in") ? q.List("_type__in") : q.String("_type") is { } one ? [one] : ["lead"];
        if (requested.Count == 1 && requested[0] == "all") return null;
        foreach (var t in requested)
        {
            if (!Types.Contains(t))
                throw ApiException.FieldError(q.Has("_type__in") ? "_type__in" : "_type", $"'{t}' is not a task type. Use all, or one of: {string.Join(", ", Types)}.");
        }
        return new HashSet<string>(requested, StringComparer.Ordinal);
    }

    private static DateTimeOffset? Value(SandboxItem task, JsonObject json, string field) => field switch
    {
        "date_created" => task.DateCreated,
        "date_updated" => task.DateUpdated,
        _ => JsonValues.Date(json, field),
    };

    private static bool InView(string view, JsonObject task, DateTimeOffset now)
    {
        var complete = JsonValues.Bool(task, "is_complete") == true;
        var date = JsonValues.Date(task, "date");
        return view switch
        {
            "archive" => complete,
            "inbox" => !complete && (date is null || date <= now),
            _ => !complete && date > now,
        };
    }
}
