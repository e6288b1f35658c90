using System.Text.Encodings.Web;

namespace Closeio.Core.Records;

/// <summary>Writes record values as JSON: the one JSON rendering shared by ToString and the JSON Lines writer.</summary>
internal static class RecordJson
{
    /// <summary>
    /// Relaxed escaping keeps non-ASCII text (names, subjects) readable in CSV cells and JSON lines;
    /// the output is never embedded in HTML, which is what the strict default guards against.
    /// </summary>
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    /// <summary>Compact JSON of one value.</summary>
    public static string Serialize(object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteValue(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one record value (null, text, number, bool, list, map, or an instant).</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case double d:
                // JSON has no NaN or infinity; text keeps the information without breaking the line.
                writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case float f:
                WriteValue(writer, (double)f);
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(CloseTimestamp.Format(t));
                break;
            case DateTime t:
                writer.WriteStringValue(CloseTimestamp.Format(new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : t.Kind))));
                break;
            case RecordMap map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                // A Record or any other name/value sequence renders as an object in its own order.
                writer.WriteStartObject();
                foreach (var (key, item) in pairs)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
