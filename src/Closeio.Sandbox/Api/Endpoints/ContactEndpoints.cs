namespace Closeio.Sandbox;

/// <summary><c>/contact/</c> (filter: <c>lead_id</c>), in id order.</summary>
internal static class ContactEndpoints
{
    private static readonly SkipLimitRules Rules = new(MaxLimit: 100, DefaultLimit: 100, IncludeTotal: true);

    public static void Register(RouteTable routes)
    {
        routes.Get("/contact/", ctx =>
        {
            var q = ctx.Query;
            var contacts = Common.IdIn(q, ctx.Organization.Contacts(q.String("lead_id")));
            var unfiltered = !q.Has("lead_id") && !q.Has("id__in");
            return SkipLimitPage.Build(ctx, contacts, Rules, unfiltered ? ctx.Organization.Count(SandboxResource.Contact) : null);
        });
        routes.Get("/contact/{id}/", ctx => Common.One(ctx, SandboxResource.Contact, "Contact"));
    }
}
