using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary><c>/me/</c> and <c>/user/</c>.</summary>
internal static class UserEndpoints
{
    private static readonly SkipLimitRules Rules = new(MaxLimit: 1000, DefaultLimit: 100, IncludeTotal: false);

    public static void Register(RouteTable routes)
    {
        routes.Get("/me/", ctx => FieldSelection.FromQuery(ctx.Query).Apply(ctx.Organization.RenderMe()));
        routes.Get("/user/", List);
        routes.Get("/user/{id}/", ctx => Common.One(ctx, SandboxResource.User, "User"));
    }

    private static JsonNode List(ApiContext ctx)
    {
        var (field, descending) = Ordering.Read(ctx.Query, "date_created", "date_created", "date_updated", "email", "first_name", "last_name");
        var users = ctx.Organization.Users().ToList();
        var ordered = field switch
        {
            "date_created" => Ordering.By(users, u => u.DateCreated.UtcTicks, descending),
            "date_updated" => Ordering.By(users, u => u.DateUpdated.UtcTicks, descending),
            // Text fields are read from the rendered user; the user list is small.
            _ => Ordering.By(users, u => JsonValues.String(u.Render(), field) ?? "", descending),
        };
        return SkipLimitPage.Build(ctx, ordered, Rules);
    }
}
