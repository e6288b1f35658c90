namespace Closeio.Sandbox;

/// <summary><c>/lead/</c> and <c>/lead/{id}/</c>. No date filters: incremental lead reads go through <c>/data/search/</c>.</summary>
internal static class LeadEndpoints
{
    private static readonly SkipLimitRules Rules = new(MaxLimit: 200, DefaultLimit: 100, IncludeTotal: true);

    public static void Register(RouteTable routes)
    {
        routes.Get("/lead/", ctx =>
        {
            // The deprecated query= filter is refused rather than ignored, so a client relying on it finds out.
            if (ctx.Query.Has("query"))
                throw ApiException.BadRequest("The query parameter is deprecated and not supported here; use POST /data/search/.");
            var (field, descending) = Ordering.Read(ctx.Query, "date_created", "date_created", "date_updated");
            var leads = Common.IdIn(ctx.Query, ctx.Organization.Leads());
            var ordered = field == "date_updated"
                ? Ordering.By(leads, l => l.DateUpdated.UtcTicks, descending)
                : Ordering.By(leads, l => l.DateCreated.UtcTicks, descending);
            return SkipLimitPage.Build(ctx, ordered, Rules);
        });
        routes.Get("/lead/{id}/", ctx => Common.One(ctx, SandboxResource.Lead, "Lead"));
    }
}
