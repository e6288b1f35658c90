using System.Globalization;

namespace Closeio.PowerShell.Internal;

/// <summary>
/// The text of the module's shell values, the ToString that Closeio.types.ps1xml gives their type
/// names (a ScriptMethod calling these; that file says why not a CodeMethod). What Export-Csv, string expansion and the
/// format views write: timestamps in ISO 8601 UTC with microseconds, nested values in compact JSON
/// with Close's keys, whatever the current culture.
/// </summary>
public static class ShellText
{
    /// <summary>A timestamp: a DateTime in the shell.</summary>
    public const string TimestampTypeName = "Closeio.Timestamp";

    /// <summary>A nested object: a PSCustomObject in the shell.</summary>
    public const string ObjectTypeName = "Closeio.Object";

    /// <summary>A nested list: an array in the shell.</summary>
    public const string ListTypeName = "Closeio.List";

    /// <summary>A list of names (Get-CloseioStream's keys and properties): read as "a, b, c".</summary>
    public const string NameListTypeName = "Closeio.NameList";

    private const string CanonicalFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary><c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>, in UTC.</summary>
    public static string Timestamp(PSObject instance) => instance?.BaseObject switch
    {
        DateTime t => (t.Kind == DateTimeKind.Utc ? t : t.ToUniversalTime()).ToString(CanonicalFormat, CultureInfo.InvariantCulture),
        DateTimeOffset t => CloseTimestamp.Format(t),
        { } other => other.ToString() ?? "",
        null => "",
    };

    /// <summary>Compact JSON of a nested object or list, as the record's own text has it.</summary>
    public static string Json(PSObject instance) => instance is null ? "" : RecordJsonOf(Plain(instance));

    /// <summary>The items' text joined with ", ".</summary>
    public static string NameList(PSObject instance) =>
        instance?.BaseObject is IEnumerable items and not string
            ? string.Join(", ", items.Cast<object?>().Select(i => i?.ToString()))
            : instance?.BaseObject?.ToString() ?? "";

    private static string RecordJsonOf(object? plain) => plain switch
    {
        RecordMap map => map.ToString(),
        RecordList list => list.ToString(),
        _ => new RecordList { plain }.ToString()[1..^1],
    };

    // Back from shell values to record values: RecordMap, RecordList, DateTime, scalars.
    private static object? Plain(object? value)
    {
        if (value is not PSObject o) return value;
        var baseObject = o.BaseObject;
        if (baseObject is PSCustomObject)
        {
            var map = new RecordMap();
            foreach (var property in o.Properties)
                map[property is KeyedNoteProperty keyed ? keyed.Key : property.Name] = Plain(property.Value);
            return map;
        }

        if (baseObject is IList items)
        {
            var list = new RecordList(items.Count);
            foreach (var item in items) list.Add(Plain(item));
            return list;
        }

        return baseObject;
    }
}
