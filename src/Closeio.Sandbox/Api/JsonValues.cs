using System.Text.Json;
using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>Reads plain values out of rendered objects, for filters on fields the item handle does not carry.</summary>
internal static class JsonValues
{
    public static string? String(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var n) && n is JsonValue v ? AsText(v) : null;

    public static bool? Bool(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var n) && n is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValue<bool>() : null;

    public static DateTimeOffset? Date(JsonObject obj, string name) =>
        ApiDates.TryParse(String(obj, name), out var d) ? d : null;

    /// <summary>Text of a scalar: strings as they are, numbers and booleans in JSON form.</summary>
    public static string? AsText(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        JsonValueKind.Null => null,
        _ => v.ToJsonString(),
    };
}
