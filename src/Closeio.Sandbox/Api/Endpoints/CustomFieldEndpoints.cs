namespace Closeio.Sandbox;

/// <summary>
/// <c>/custom_field/{kind}/</c> for each kind, custom objects' fields included. The old
/// <c>/custom_fields/lead/</c> is deprecated but still answers (Close's changelog, 2020-09-18), as the lead list.
/// </summary>
internal static class CustomFieldEndpoints
{
    private static readonly string[] Kinds = ["lead", "contact", "opportunity", "activity", "shared", "custom_object_type"];
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

        routes.Get("/custom_fields/lead/", ctx =>
            SkipLimitPage.Build(ctx, Ordering.By(ctx.Organization.CustomFields("lead"), f => f.DateCreated.UtcTicks, false), Rules));
    }
}
