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
        ["lead", "incoming_email", "email_followup", "missed_call", "answered_detached_call", "voicemail", "opportunity_due", "incoming_sms", "outgoing_call"];

    public static void Register(RouteTable routes)
    {
        routes.Get("/task/", List);
        routes.Get("/task/{id}/", ctx => Common.One(ctx, SandboxResource.Task, "Task"));
    }

    private static JsonNode List(ApiContext ctx)
    {
        var q = ctx.Query;
        var types = AllowedTypes(q);
        var ordering = q.Has("_order_by") ? Ordering.Read(q, "date_created", "date", "date_created") : default((string Field, bool Descending)?);
        var view = q.String("view");
        if (view is not (null or "inbox" or "future" or "archive"))
            throw ApiException.FieldError("view", "Must be inbox, future or archive.");
        // Close lets view= override the date filters, so they are only read without it.
        DateRangeFilter[] filters = view is null
            ? new[] { "date_created", "date_updated", "date", "due_date" }
                .Where(f => f != "date_updated" || !ctx.Options.TaskDateUpdatedFilterIgnored)
                .Select(f => DateRangeFilter.Parse(q, f)).Where(f => f.IsSet).ToArray()
            : [];
        var isComplete = q.Bool("is_complete");
        var assignedTo = q.String("assigned_to");
        var now = ctx.Now;

        var rows = Common.IdIn(q, ctx.Organization.Tasks(q.String("lead_id")))
            .Where(t => types is null || (t.Type is not null && types.Contains(t.Type)))
            .Select(t => new ItemRow(t))
            .Where(r => filters.All(f => f.Matches(Value(r, f.Field))))
            .Where(r => isComplete is null || JsonValues.Bool(r.Json, "is_complete") == isComplete)
            .Where(r => assignedTo is null || r.String("assigned_to") == assignedTo)
            .Where(r => view is null || InView(view, r, now));
        if (ordering is not { } o) return SkipLimitPage.Build(ctx, rows.Select(r => r.Item), Rules);

        var list = rows.ToList();
        var keys = list.ToDictionary(r => r.Item, r => Common.Ticks(o.Field == "date" ? r.DateOf("date") : r.Item.DateCreated));
        return SkipLimitPage.Build(ctx, Ordering.By(keys.Keys, t => keys[t], o.Descending), Rules);
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

    private static DateTimeOffset? Value(ItemRow row, string field) => field switch
    {
        "date_created" => row.Item.DateCreated,
        "date_updated" => row.Item.DateUpdated,
        _ => row.DateOf(field),
    };

    private static bool InView(string view, ItemRow task, DateTimeOffset now)
    {
        var complete = JsonValues.Bool(task.Json, "is_complete") == true;
        var date = task.DateOf("date");
        return view switch
        {
            "archive" => complete,
            "inbox" => !complete && (date is null || date <= now),
            _ => !complete && date > now,
        };
    }
}
