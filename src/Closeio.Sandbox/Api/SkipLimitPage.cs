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

    /// <summary>
    /// One page of an already ordered sequence, each item rendered and trimmed to the selected
    /// fields. The sequence is only walked as far as the page needs (plus one item to learn
    /// has_more) unless the resource reports total_results and <paramref name="knownTotal"/> is not given.
    /// </summary>
    public static JsonObject Build(ApiContext ctx, IEnumerable<SandboxItem> ordered, SkipLimitRules rules, int? knownTotal = null)
    {
        var (skip, limit) = Read(ctx.Query, rules, ctx.Options.MaxSkip);
        var fields = FieldSelection.FromQuery(ctx.Query);
        int? total = null;
        if (rules.IncludeTotal && knownTotal is null)
        {
            var all = ordered as IReadOnlyList<SandboxItem> ?? ordered.ToList();
            ordered = all;
            total = all.Count;
        }
        else if (rules.IncludeTotal)
        {
            total = knownTotal;
        }
        var window = ordered.Skip(skip).Take(limit + 1).ToList();
        var data = new JsonArray();
        foreach (var item in window.Take(limit)) data.Add(fields.Apply(item.Render()));
        var result = new JsonObject { ["has_more"] = window.Count > limit };
        if (total is not null) result["total_results"] = total;
        result["data"] = data;
        return result;
    }
}
