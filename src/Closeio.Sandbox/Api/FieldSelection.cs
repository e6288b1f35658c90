using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// Server-side column selection (<c>_fields=a,b</c>). For leads, <c>custom</c> selects every custom
/// field value and <c>custom.cf_X</c> selects one; values arrive as flat <c>custom.cf_X</c> keys.
/// </summary>
internal sealed class FieldSelection
{
    private readonly HashSet<string>? _names;

    private FieldSelection(IEnumerable<string>? names) =>
        _names = names is null ? null : new HashSet<string>(names, StringComparer.Ordinal);

    public static FieldSelection All { get; } = new(null);

    public static FieldSelection Of(IEnumerable<string> names) => new(names);

    public static FieldSelection FromQuery(ApiQuery query)
    {
        var names = query.List("_fields");
        return names.Count == 0 ? All : new FieldSelection(names);
    }

    public bool IsAll => _names is null;

    public JsonObject Apply(JsonObject full)
    {
        if (_names is null) return full;
        var result = new JsonObject();
        foreach (var (key, value) in full)
        {
            if (Selects(key)) result[key] = value?.DeepClone();
        }
        return result;
    }

    private bool Selects(string key)
    {
        if (_names!.Contains(key)) return true;
        // "custom" asks for all custom values, whether rendered flat ("custom.cf_X") or as a dict.
        return key.StartsWith("custom.", StringComparison.Ordinal) && _names.Contains("custom");
    }
}
