using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>Pieces several endpoints share: fetching one object by id, and date keys for sorting.</summary>
internal static class Common
{
    /// <summary>One object by the route's <c>{id}</c>, or 404; <paramref name="belongs"/> narrows the kind (e.g. an activity type).</summary>
    public static JsonNode One(ApiContext ctx, SandboxResource resource, string label, Func<SandboxItem, bool>? belongs = null)
    {
        var id = ctx.RouteValues["id"];
        var item = ctx.Organization.Find(resource, id);
        if (item is null || (belongs is not null && !belongs(item))) throw ApiException.NotFound($"{label} {id}");
        return FieldSelection.FromQuery(ctx.Query).Apply(item.Render());
    }

    /// <summary>A sortable key for an optional date (missing sorts first).</summary>
    public static long Ticks(DateTimeOffset? value) => value?.UtcTicks ?? long.MinValue;

    /// <summary>Rejects a filter that may only be used together with another one.</summary>
    public static void RequireWith(ApiQuery query, string filter, string required)
    {
        if (query.Has(filter) && !query.Has(required))
            throw ApiException.BadRequest($"The {filter} filter can only be used together with {required}.");
    }

    /// <summary>Keeps items whose id is in <c>id__in</c>, when given.</summary>
    public static IEnumerable<SandboxItem> IdIn(ApiQuery query, IEnumerable<SandboxItem> items)
    {
        var ids = query.List("id__in");
        if (ids.Count == 0) return items;
        var set = new HashSet<string>(ids, StringComparer.Ordinal);
        return items.Where(i => set.Contains(i.Id));
    }
}
