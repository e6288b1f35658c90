using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Closeio.Sandbox;

/// <summary>
/// Rewrites the model's <c>...+00:00</c> timestamps in an answer into the configured style, so
/// clients get exercised on every form Close is known to send.
/// </summary>
internal static partial class TimestampStyler
{
    private const string Utc = "+00:00";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?\+00:00$")]
    private static partial Regex OffsetTimestamp();

    public static void Apply(JsonNode? node, TimestampStyle style)
    {
        if (style == TimestampStyle.Offset) return;
        Walk(node, style);
    }

    private static void Walk(JsonNode? node, TimestampStyle style)
    {
        switch (node)
        {
            case JsonObject obj:
                // Mixed: every object with an id picks its own style, and its nested parts follow it.
                var own = style == TimestampStyle.Mixed && JsonValues.String(obj, "id") is { } id ? StyleFor(id) : style;
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    if (Rewrite(child, own) is { } text) obj[key] = text;
                    else Walk(child, own);
                }
                break;
            case JsonArray arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    if (Rewrite(arr[i], style) is { } text) arr[i] = text;
                    else Walk(arr[i], style);
                }
                break;
        }
    }

    private static string? Rewrite(JsonNode? node, TimestampStyle style)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return null;
        var s = v.GetValue<string>();
        if (!OffsetTimestamp().IsMatch(s)) return null;
        var bare = s[..^Utc.Length];
        return style switch
        {
            TimestampStyle.Naive => bare,
            TimestampStyle.Zulu => bare + "Z",
            // A Mixed object without an id of its own: stay in Close's usual form.
            _ => s,
        };
    }

    /// <summary>A stable choice from the id (string.GetHashCode is randomized per process, so not that).</summary>
    internal static TimestampStyle StyleFor(string id)
    {
        var sum = 0;
        foreach (var c in id) sum = (sum * 31 + c) & 0x7fffffff;
        return (sum % 3) switch { 0 => TimestampStyle.Offset, 1 => TimestampStyle.Naive, _ => TimestampStyle.Zulu };
    }
}
