using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// The objects beyond the seed streams: statuses, pipelines, templates, sequences, subscriptions,
/// custom activity and object types, custom objects, smart views, roles, groups, phone numbers,
/// comments, and the organization with its memberships. Lists are in id (creation) order and skip
/// paged; statuses and pipelines may answer the whole list without <c>has_more</c>
/// (<see cref="SandboxApiOptions.WholeListWithoutHasMore"/>), as Close is reported to.
/// </summary>
internal static class DirectoryEndpoints
{
    // Close documents no larger page for these; 100 is its usual maximum.
    private static readonly SkipLimitRules Rules = new(MaxLimit: 100, DefaultLimit: 100, IncludeTotal: false);

    public static void Register(RouteTable routes)
    {
        Plain(routes, SandboxResource.LeadStatus, "Lead status");
        Plain(routes, SandboxResource.OpportunityStatus, "Opportunity status", (ctx, q) => By(q, "pipeline_id", r => r.String("pipeline_id")));
        Plain(routes, SandboxResource.Pipeline, "Pipeline");
        Plain(routes, SandboxResource.EmailTemplate, "Email template");
        Plain(routes, SandboxResource.SmsTemplate, "SMS template");
        Plain(routes, SandboxResource.Sequence, "Sequence");
        Plain(routes, SandboxResource.CustomActivityType, "Custom activity type");
        Plain(routes, SandboxResource.CustomObjectType, "Custom object type");
        Plain(routes, SandboxResource.Role, "Role");
        Plain(routes, SandboxResource.PhoneNumber, "Phone number",
            (ctx, q) => By(q, "user_id", r => r.String("user_id")).And(IsGroup(q)));
        Plain(routes, SandboxResource.SavedSearch, "Smart view", SavedSearchTypes);
        Plain(routes, SandboxResource.SequenceSubscription, "Sequence subscription", (ctx, q) =>
        {
            if (!q.Has("sequence_id") && !q.Has("contact_id") && !q.Has("lead_id"))
                throw ApiException.BadRequest("One of sequence_id, contact_id or lead_id is required.");
            return By(q, "sequence_id", r => r.String("sequence_id")).And(By(q, "contact_id", r => r.String("contact_id"))).And(By(q, "lead_id", r => r.Item.LeadId));
        });
        Plain(routes, SandboxResource.CustomObject, "Custom object", (ctx, q) =>
        {
            if (!q.Has("lead_id")) throw ApiException.FieldError("lead_id", "This field is required.");
            return By(q, "lead_id", r => r.Item.LeadId).And(By(q, "custom_object_type_id", r => r.String("custom_object_type_id")));
        });
        Plain(routes, SandboxResource.CommentThread, "Comment thread", (ctx, q) =>
            ByAny(q, "object_ids", r => r.String("object_id")).And(ByAny(q, "ids", r => r.Id)).And(By(q, "lead_id", r => r.Item.LeadId)));
        Plain(routes, SandboxResource.Comment, "Comment", (ctx, q) =>
        {
            if (!q.Has("object_id") && !q.Has("thread_id"))
                throw ApiException.BadRequest("One of object_id or thread_id is required.");
            return By(q, "object_id", r => r.String("object_id")).And(By(q, "thread_id", r => r.String("thread_id")));
        });

        // Groups: the list carries no members; one group shows them when _fields names them.
        routes.Get("/group/", ctx => List(ctx, SandboxResource.Group, "/group/", null, strip: "members"));
        routes.Get("/group/{id}/", ctx =>
        {
            var one = (JsonObject)Common.One(ctx, SandboxResource.Group, "Group");
            if (!ctx.Query.List("_fields").Contains("members")) one.Remove("members");
            return one;
        });

        routes.Get("/organization/{id}/", ctx =>
        {
            if (ctx.RouteValues["id"] != ctx.Organization.OrganizationId) throw ApiException.NotFound($"Organization {ctx.RouteValues["id"]}");
            return FieldSelection.FromQuery(ctx.Query).Apply(DirectoryObjectRenderer.RenderOrganization(ctx.Organization));
        });
    }

    private delegate Func<ItemRow, bool> FilterFactory(ApiContext ctx, ApiQuery query);

    private static void Plain(RouteTable routes, SandboxResource resource, string label, FilterFactory? filter = null)
    {
        var path = DirectoryKinds.Of(resource).Path;
        routes.Get(path, ctx => List(ctx, resource, path, filter));
        routes.Get(path + "{id}/", ctx => Common.One(ctx, resource, label));
    }

    private static JsonNode List(ApiContext ctx, SandboxResource resource, string path, FilterFactory? filter, string? strip = null)
    {
        var predicate = filter?.Invoke(ctx, ctx.Query) ?? (_ => true);
        var rows = Common.IdIn(ctx.Query, ctx.Organization.Objects(resource)).Select(i => new ItemRow(i)).Where(predicate).Select(r => r.Item);
        if (strip is not null) rows = rows.Select(i => (SandboxItem)new Stripped(i, strip));
        if (!ctx.Options.WholeListWithoutHasMore.Contains(path)) return SkipLimitPage.Build(ctx, rows, Rules);
        // Close is reported to answer these small lists whole, without has_more.
        var fields = FieldSelection.FromQuery(ctx.Query);
        var data = new JsonArray();
        foreach (var item in rows) data.Add(fields.Apply(item.Render()));
        return new JsonObject { ["data"] = data };
    }

    private static FilterFactory SavedSearchTypes => (ctx, q) =>
    {
        // Close returns lead smart views unless asked for others.
        IReadOnlyList<string> types = q.Has("type__in") ? q.List("type__in") : q.String("type") is { } t ? [t] : ["lead"];
        foreach (var type in types)
            if (type is not ("lead" or "contact"))
                throw ApiException.FieldError(q.Has("type__in") ? "type__in" : "type", $"'{type}' is not a smart view type. Use lead or contact.");
        return r => types.Contains(r.String("type"));
    };

    private static Func<ItemRow, bool> IsGroup(ApiQuery q)
    {
        var wanted = q.Bool("is_group_number");
        return r => wanted is null || JsonValues.Bool(r.Json, "is_group_number") == wanted;
    }

    private static Func<ItemRow, bool> By(ApiQuery q, string name, Func<ItemRow, string?> value)
    {
        var wanted = q.String(name);
        return wanted is null ? _ => true : r => value(r) == wanted;
    }

    private static Func<ItemRow, bool> ByAny(ApiQuery q, string name, Func<ItemRow, string?> value)
    {
        if (!q.Has(name)) return _ => true;
        var set = new HashSet<string>(q.List(name), StringComparer.Ordinal);
        return r => value(r) is { } v && set.Contains(v);
    }

    private static Func<ItemRow, bool> And(this Func<ItemRow, bool> a, Func<ItemRow, bool> b) => r => a(r) && b(r);

    /// <summary>An item rendered without one field.</summary>
    private sealed class Stripped(SandboxItem inner, string field) : SandboxItem
    {
        public override SandboxResource Resource => inner.Resource;
        public override string Id => inner.Id;
        public override string? Type => inner.Type;
        public override string? LeadId => inner.LeadId;
        public override DateTimeOffset DateCreated => inner.DateCreated;
        public override DateTimeOffset DateUpdated => inner.DateUpdated;
        public override JsonObject Render()
        {
            var o = inner.Render();
            o.Remove(field);
            return o;
        }
    }
}
