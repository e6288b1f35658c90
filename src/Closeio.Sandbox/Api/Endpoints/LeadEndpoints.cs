namespace Closeio.Sandbox;

/// <summary>
/// <c>/lead/</c> and <c>/lead/{id}/</c>. No date filters: incremental lead reads go through
/// <c>/data/search/</c>. Without <c>_order_by</c>, leads come in id order.
/// </summary>
internal static class LeadEndpoints
{
    private static readonly SkipLimitRules Rules = new(MaxLimit: 200, DefaultLimit: 100, IncludeTotal: true);

    public static void Register(RouteTable routes)
    {
        routes.Get("/lead/", ctx =>
        {
            var q = ctx.Query;
            // The deprecated query= filter is refused rather than ignored, so a client relying on it finds out.
            if (q.Has("query"))
                throw ApiException.BadRequest("The query parameter is deprecated and not supported here; use POST /data/search/.");
            var leads = Common.IdIn(q, ctx.Organization.Leads());
            if (!q.Has("_order_by"))
                return SkipLimitPage.Build(ctx, leads, Rules, q.Has("id__in") ? null : ctx.Organization.Count(SandboxResource.Lead));
            var (field, descending) = Ordering.Read(q, "date_created", "date_created", "date_updated");
            var ordered = field == "date_updated"
                ? Ordering.By(leads, l => l.DateUpdated.UtcTicks, descending)
                : Ordering.By(leads, l => l.DateCreated.UtcTicks, descending);
            return SkipLimitPage.Build(ctx, ordered, Rules);
        });
        routes.Get("/lead/{id}/", ctx => Common.One(ctx, SandboxResource.Lead, "Lead"));
    }
}
