namespace Closeio.Sandbox;

/// <summary><c>/contact/</c> (filter: <c>lead_id</c>).</summary>
internal static class ContactEndpoints
{
    private static readonly SkipLimitRules Rules = new(MaxLimit: 100, DefaultLimit: 100, IncludeTotal: true);

    public static void Register(RouteTable routes)
    {
        routes.Get("/contact/", ctx =>
        {
            var contacts = Common.IdIn(ctx.Query, ctx.Organization.Contacts(ctx.Query.String("lead_id")));
            return SkipLimitPage.Build(ctx, Ordering.By(contacts, c => c.DateCreated.UtcTicks, false), Rules);
        });
        routes.Get("/contact/{id}/", ctx => Common.One(ctx, SandboxResource.Contact, "Contact"));
    }
}
