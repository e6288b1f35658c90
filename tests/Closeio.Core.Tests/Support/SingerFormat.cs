namespace Closeio.Core.Tests.Support;

/// <summary>
/// A strict check of Singer's message format (the Singer specification): every line one JSON object with
/// a known "type" and exactly the keys that type allows; SCHEMA with stream, a schema object,
/// key_properties (strings) and optional bookmark_properties; RECORD with stream, a record object and an
/// optional RFC 3339 time_extracted, and only after its stream's SCHEMA, and valid against it; STATE with a value.
/// </summary>
public static class SingerFormat
{
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Keys = new()
    {
        ["SCHEMA"] = (["type", "stream", "schema", "key_properties"], ["bookmark_properties"]),
        ["RECORD"] = (["type", "stream", "record"], ["time_extracted", "version"]),
        ["STATE"] = (["type", "value"], []),
    };

    /// <summary>Every problem of the message sequence, with its line number; empty when it is valid.</summary>
    public static List<string> Errors(IReadOnlyList<string> lines)
    {
        var errors = new List<string>();
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            var at = $"line {n + 1}";
            if (line.Contains('\n') || line.Contains('\r'))
            {
                errors.Add($"{at}: a message spans more than one line");
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                errors.Add($"{at}: not JSON ({e.Message})");
                continue;
            }

            using (doc)
            {
                var m = doc.RootElement;
                if (m.ValueKind != JsonValueKind.Object || !m.TryGetProperty("type", out var typeElement) ||
                    typeElement.ValueKind != JsonValueKind.String || !Keys.TryGetValue(typeElement.GetString()!, out var keys))
                {
                    errors.Add($"{at}: not an object with a type of SCHEMA, RECORD or STATE");
                    continue;
                }

                var type = typeElement.GetString()!;
                foreach (var key in keys.Required.Where(k => !m.TryGetProperty(k, out _)))
                    errors.Add($"{at}: {type} without '{key}'");
                foreach (var key in m.EnumerateObject().Select(p => p.Name).Where(k => !keys.Required.Contains(k) && !keys.Optional.Contains(k)))
                    errors.Add($"{at}: {type} has an unexpected key '{key}'");

                switch (type)
                {
                    case "SCHEMA":
                        if (!IsText(m, "stream")) { errors.Add($"{at}: SCHEMA stream is not a non-empty string"); break; }
                        if (!m.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
                            errors.Add($"{at}: SCHEMA schema is not an object");
                        if (!IsTextArray(m, "key_properties"))
                            errors.Add($"{at}: SCHEMA key_properties is not an array of strings");
                        if (m.TryGetProperty("bookmark_properties", out _) && !IsTextArray(m, "bookmark_properties"))
                            errors.Add($"{at}: SCHEMA bookmark_properties is not an array of strings");
                        if (schema.ValueKind == JsonValueKind.Object)
                        {
                            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
                            foreach (var name in TextArray(m, "key_properties").Concat(TextArray(m, "bookmark_properties")))
                                if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out _))
                                    errors.Add($"{at}: SCHEMA names '{name}' as a key or bookmark property, but its schema lacks it");
                            schemas[m.GetProperty("stream").GetString()!] = schema.GetRawText();
                        }

                        break;
                    case "RECORD":
                        if (!IsText(m, "stream")) { errors.Add($"{at}: RECORD stream is not a non-empty string"); break; }
                        var stream = m.GetProperty("stream").GetString()!;
                        if (!m.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
                        {
                            errors.Add($"{at}: RECORD record is not an object");
                            break;
                        }

                        if (m.TryGetProperty("time_extracted", out var extracted) &&
                            (extracted.ValueKind != JsonValueKind.String || !SchemaCheck.DateTimeText().IsMatch(extracted.GetString()!)))
                            errors.Add($"{at}: RECORD time_extracted is not an RFC 3339 date-time");
                        if (!schemas.TryGetValue(stream, out var recordSchema))
                        {
                            errors.Add($"{at}: RECORD of '{stream}' before any SCHEMA of it");
                            break;
                        }

                        using (var s = JsonDocument.Parse(recordSchema))
                            errors.AddRange(SchemaCheck.Errors(s.RootElement, record).Select(e => $"{at}: {e}"));
                        break;
                    case "STATE":
                        if (m.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Object)
                            errors.Add($"{at}: STATE value is not an object");
                        break;
                }
            }
        }

        return errors;
    }

    private static bool IsText(JsonElement m, string key) =>
        m.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0;

    private static bool IsTextArray(JsonElement m, string key) =>
        m.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array &&
        v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String);

    private static IEnumerable<string> TextArray(JsonElement m, string key) =>
        IsTextArray(m, key) ? m.GetProperty(key).EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
}
