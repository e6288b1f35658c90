using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary><c>/opportunity/</c>: date_created, date_updated and date_won filters, status_type (active, won, lost); ordering by date_updated or date_created.</summary>
internal static class OpportunityEndpoints
{
    private static readonly SkipLimitRules Rules = new(MaxLimit: 250, DefaultLimit: 100, IncludeTotal: true);

    public static void Register(RouteTable routes)
    {
        routes.Get("/opportunity/", List);
        routes.Get("/opportunity/{id}/", ctx => Common.One(ctx, SandboxResource.Opportunity, "Opportunity"));
    }

    private static JsonNode List(ApiContext ctx)
    {
        var q = ctx.Query;
        var created = DateRangeFilter.Parse(q, "date_created");
        var updated = DateRangeFilter.Parse(q, "date_updated");
        var won = DateRangeFilter.Parse(q, "date_won");
        var items = Common.IdIn(q, ctx.Organization.Opportunities(q.String("lead_id")))
            .Where(o => created.Matches(o.DateCreated) && updated.Matches(o.DateUpdated))
            .Where(o => !won.IsSet || won.Matches(JsonValues.Date(o.Render(), "date_won")));
        // Close filters on the status's type (active, won or lost), as its API reference documents.
        if (q.String("status_type") is { } statusType)
            items = items.Where(o => string.Equals((string?)o.Render()["status_type"], statusType, StringComparison.Ordinal));
        // Without _order_by, id order (the model's), which pages without sorting.
        if (!q.Has("_order_by")) return SkipLimitPage.Build(ctx, items, Rules);
        var (field, descending) = Ordering.Read(q, "date_created", "date_created", "date_updated");
        var ordered = field == "date_updated"
            ? Ordering.By(items, o => o.DateUpdated.UtcTicks, descending)
            : Ordering.By(items, o => o.DateCreated.UtcTicks, descending);
        return SkipLimitPage.Build(ctx, ordered, Rules);
    }
}
