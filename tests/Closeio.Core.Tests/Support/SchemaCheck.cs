using System.Text.RegularExpressions;

namespace Closeio.Core.Tests.Support;

/// <summary>
/// A strict validator for the subset of JSON Schema (draft-07) the module emits: type (one name or a list),
/// properties, required, additionalProperties false, items, and the date-time and date formats. A
/// keyword it does not know is an error, so a schema cannot pass by using something nobody checks.
/// </summary>
public static partial class SchemaCheck
{
    private static readonly HashSet<string> Annotations = ["$schema", "title", "description"];
    private static readonly HashSet<string> Keywords = ["type", "properties", "required", "additionalProperties", "items", "format"];

    /// <summary>The problems of <paramref name="value"/> against <paramref name="schema"/>; empty when it validates.</summary>
    public static List<string> Errors(JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors);
        return errors;
    }

    public static List<string> Errors(string schemaJson, string valueJson)
    {
        using var s = JsonDocument.Parse(schemaJson);
        using var v = JsonDocument.Parse(valueJson);
        return Errors(s.RootElement, v.RootElement);
    }

    private static void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: the schema is a {schema.ValueKind}, not an object");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Keywords.Contains(keyword.Name) && !Annotations.Contains(keyword.Name))
                errors.Add($"{path}: unsupported schema keyword '{keyword.Name}'");
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
                : [type.GetString()!];
            if (!allowed.Any(t => Is(t, value)))
            {
                errors.Add($"{path}: {value.ValueKind} {Short(value)} is not {string.Join("|", allowed)}");
                return;
            }
        }

        if (schema.TryGetProperty("format", out var format) && value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            var ok = format.GetString() switch
            {
                "date-time" => DateTimeText().IsMatch(text) &&
                               DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "date" => DateText().IsMatch(text) &&
                          DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                var f => Fail($"{path}: unsupported format '{f}'", errors),
            };
            if (!ok) errors.Add($"{path}: '{text}' is not a {format.GetString()}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    if (!value.TryGetProperty(name, out _))
                        errors.Add($"{path}: required property '{name}' is missing");
            }

            var closed = schema.TryGetProperty("additionalProperties", out var additional) &&
                         additional.ValueKind == JsonValueKind.False;
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var sub))
                    Check(sub, property.Value, $"{path}.{property.Name}", errors);
                else if (closed)
                    errors.Add($"{path}: property '{property.Name}' is not in the schema (additionalProperties is false)");
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
                Check(items, item, $"{path}[{i++}]", errors);
        }
    }

    private static bool Fail(string message, List<string> errors)
    {
        errors.Add(message);
        return true;
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => throw new InvalidOperationException($"unknown JSON Schema type '{type}'"),
    };

    private static string Short(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length > 60 ? raw[..60] + "..." : raw;
    }

    /// <summary>RFC 3339 date-time: full date, 'T', time with optional fraction, and Z or an offset.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    internal static partial Regex DateTimeText();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateText();
}
