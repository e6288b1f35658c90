namespace Closeio.Core.Streams;

/// <summary>
/// A stream's JSON Schema (draft-07), built from the columns a <see cref="RecordShaper"/> gives its
/// records: the stream's known fields, the organization's custom fields typed by their Close type, and
/// <c>_extra</c>. Because it describes exactly the shaper's columns, every record of that shaper
/// validates against it, and a warehouse load can create its table from it before the first record.
/// </summary>
/// <remarks>
/// Every column may be null (Close leaves fields out) except the key and the replication key, which a
/// record cannot lack. The top level is closed (<c>additionalProperties: false</c>): what Close sends
/// beyond the columns goes to <c>_extra</c>. Nested objects stay open, since Close adds fields to them.
/// </remarks>
public static class StreamSchema
{
    /// <summary>The JSON Schema dialect the schemas declare.</summary>
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    /// <summary>The schema of the records <paramref name="shaper"/> produces, as compact JSON (or indented).</summary>
    public static string ToJson(RecordShaper shaper, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(shaper);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            Write(w, shaper, includeDialect: true);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The schemas of the streams named (all when null or empty), reading the organization's custom
    /// fields when a connection is given (the stream's known fields alone otherwise).
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a stream.</exception>
    public static IReadOnlyList<string> Describe(IReadOnlyList<string>? streams, CloseConnection? connection,
        CancellationToken cancellationToken)
    {
        var selected = streams is { Count: > 0 }
            ? streams.Select(StreamCatalog.Get).DistinctBy(s => s.Name).ToArray()
            : StreamCatalog.All.ToArray();
        IReadOnlyList<CustomFieldDefinition> custom = [];
        var kinds = selected.SelectMany(s => s.CustomFieldKinds).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (connection is not null && kinds.Length > 0)
            custom = new QueryContext(connection).CustomFieldsAsync(kinds, cancellationToken).GetAwaiter().GetResult();
        return selected.Select(s => ToJson(new RecordShaper(s, custom), indented: true)).ToArray();
    }

    /// <summary>Writes the schema object for <paramref name="shaper"/>'s records.</summary>
    internal static void Write(Utf8JsonWriter w, RecordShaper shaper, bool includeDialect)
    {
        var stream = shaper.Stream;
        w.WriteStartObject();
        if (includeDialect)
        {
            w.WriteString("$schema", Draft07);
            w.WriteString("title", stream.Name);
        }

        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        foreach (var column in shaper.Columns)
        {
            w.WritePropertyName(column);
            if (stream.FindField(column) is { } field)
            {
                var required = stream.KeyProperties.Contains(field.Name) || field.Name == stream.ReplicationKey;
                WriteField(w, field, required, shaper);
            }
            else if (column == RecordShaper.ExtraColumn)
            {
                WriteType(w, StreamFieldType.Object, nullable: true, null,
                    "Fields Close sent that the schema does not list, or null.");
            }
            else if (shaper.CustomColumns.TryGetValue(column, out var custom))
            {
                WriteCustom(w, custom, $"Custom field '{custom.Name}' ({custom.Id}, {custom.Kind}, {custom.Type}).");
            }
            else
            {
                // A column the shaper has but nothing here describes: any value, rather than a wrong type.
                w.WriteStartObject();
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
        w.WriteStartArray("required");
        foreach (var column in shaper.Columns.Where(c =>
                     stream.KeyProperties.Contains(c) || c == stream.ReplicationKey))
            w.WriteStringValue(column);
        w.WriteEndArray();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, StreamField field, bool required, RecordShaper shaper)
    {
        if (field.Name == StreamCatalog.CustomValuesField && field.JsonType == StreamFieldType.Object && shaper.CustomColumns.Count > 0)
        {
            // The lead's values by custom field id: each typed like its column.
            w.WriteStartObject();
            WriteTypeArray(w, StreamFieldType.Object, nullable: true);
            w.WriteString("description", field.Description);
            w.WriteStartObject("properties");
            foreach (var custom in shaper.CustomColumns.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
            {
                w.WritePropertyName(custom.Id);
                WriteCustom(w, custom, $"Custom field '{custom.Name}' ({custom.Type}).");
            }

            w.WriteEndObject();
            w.WriteEndObject();
            return;
        }

        if (field.IsDateTime)
        {
            WriteType(w, StreamFieldType.String, !required, field.MayBeBareDate ? null : "date-time",
                field.MayBeBareDate ? field.Description + " A date-time, or a date (yyyy-MM-dd)." : field.Description);
            return;
        }

        WriteType(w, field.JsonType, !required, null, field.Description);
    }

    private static void WriteCustom(Utf8JsonWriter w, CustomFieldDefinition custom, string description)
    {
        var (type, format) = CustomType(custom.Type);
        w.WriteStartObject();
        if (type is null)
        {
            // A type this module does not know: any value, so that no record fails to load.
            w.WriteString("description", description);
            w.WriteEndObject();
            return;
        }

        if (custom.AcceptsMultipleValues)
        {
            WriteTypeArray(w, StreamFieldType.Array, nullable: true);
            w.WriteString("description", description);
            w.WriteStartObject("items");
            WriteTypeArray(w, type, nullable: true);
            if (format is not null) w.WriteString("format", format);
            w.WriteEndObject();
        }
        else
        {
            WriteTypeArray(w, type, nullable: true);
            if (format is not null) w.WriteString("format", format);
            w.WriteString("description", description);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// The JSON type (and format) of a custom field's values by Close's type name; null type for a type
    /// not known here. Ids (user, contact) and choices are text; number may hold a fraction.
    /// </summary>
    internal static (string? Type, string? Format) CustomType(string closeType) =>
        closeType.Trim().ToLowerInvariant() switch
        {
            "text" or "textarea" or "hidden" or "choices" or "user" or "contact" or "url" or "email" or "phone" =>
                (StreamFieldType.String, null),
            "number" or "decimal" or "currency" => (StreamFieldType.Number, null),
            "date" => (StreamFieldType.String, "date"),
            "datetime" or "date_time" or "date/time" => (StreamFieldType.String, "date-time"),
            "boolean" or "checkbox" => (StreamFieldType.Boolean, null),
            _ => (null, null),
        };

    private static void WriteType(Utf8JsonWriter w, string jsonType, bool nullable, string? format, string description)
    {
        w.WriteStartObject();
        var type = jsonType == StreamFieldType.DateTime ? StreamFieldType.String : jsonType;
        WriteTypeArray(w, type, nullable);
        if (format is not null || jsonType == StreamFieldType.DateTime) w.WriteString("format", format ?? "date-time");
        w.WriteString("description", description);
        w.WriteEndObject();
    }

    private static void WriteTypeArray(Utf8JsonWriter w, string type, bool nullable)
    {
        if (!nullable)
        {
            w.WriteString("type", type);
            return;
        }

        w.WriteStartArray("type");
        w.WriteStringValue("null");
        w.WriteStringValue(type);
        w.WriteEndArray();
    }
}
