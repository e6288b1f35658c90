namespace Closeio.Sandbox;

/// <summary><c>/custom_field/{kind}/</c> for each kind. The retired <c>/custom_fields/lead/</c> is simply not routed (404).</summary>
internal static class CustomFieldEndpoints
{
    private static readonly string[] Kinds = ["lead", "contact", "opportunity", "activity", "shared"];
    private static readonly SkipLimitRules Rules = new(MaxLimit: 1000, DefaultLimit: 100, IncludeTotal: true);

    public static void Register(RouteTable routes)
    {
        foreach (var kind in Kinds)
        {
            routes.Get($"/custom_field/{kind}/", ctx =>
                SkipLimitPage.Build(ctx, Ordering.By(ctx.Organization.CustomFields(kind), f => f.DateCreated.UtcTicks, false), Rules));
            routes.Get($"/custom_field/{kind}/{{id}}/", ctx =>
                Common.One(ctx, SandboxResource.CustomField, "Custom field", f => f.Type == kind));
        }
    }
}
