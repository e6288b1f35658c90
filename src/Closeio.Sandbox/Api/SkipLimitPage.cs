using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>The <c>_skip</c>/<c>_limit</c> rules of one resource and the <c>{"data", "has_more"}</c> envelope.</summary>
internal sealed record SkipLimitRules(int MaxLimit, int DefaultLimit, bool IncludeTotal);

internal static class SkipLimitPage
{
    /// <summary>Checks <c>_skip</c> and <c>_limit</c> against the resource's rules (400 with Close's texts).</summary>
    public static (int Skip, int Limit) Read(ApiQuery query, SkipLimitRules rules, int maxSkip)
    {
        var skip = query.Int("_skip", 0);
        var limit = query.Int("_limit", rules.DefaultLimit);
        if (skip < 0) throw ApiException.FieldError("_skip", "Ensure this value is greater than or equal to 0.");
        if (skip > maxSkip)
            throw ApiException.BadRequest(
                $"The skip you set is larger than the maximum skip for this resource (max_skip = {maxSkip}). Please refine your search query.");
        if (limit < 0) throw ApiException.FieldError("_limit", "Ensure this value is greater than or equal to 0.");
        if (limit > rules.MaxLimit)
            throw ApiException.FieldError("_limit", $"Ensure this value is less than or equal to {rules.MaxLimit}.");
        return (skip, limit);
    }

    /// <summary>One page of an already ordered sequence, each item rendered and trimmed to the selected fields.</summary>
    public static JsonObject Build(ApiContext ctx, IEnumerable<SandboxItem> ordered, SkipLimitRules rules)
    {
        var (skip, limit) = Read(ctx.Query, rules, ctx.Options.MaxSkip);
        var fields = FieldSelection.FromQuery(ctx.Query);
        var all = ordered as IReadOnlyList<SandboxItem> ?? ordered.ToList();
        var data = new JsonArray();
        foreach (var item in all.Skip(skip).Take(limit)) data.Add(fields.Apply(item.Render()));
        var result = new JsonObject
        {
            ["has_more"] = skip + limit < all.Count,
        };
        if (rules.IncludeTotal) result["total_results"] = all.Count;
        result["data"] = data;
        return result;
    }
}
