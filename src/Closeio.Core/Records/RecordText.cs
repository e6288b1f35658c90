namespace Closeio.Core.Records;

/// <summary>
/// The single rule for showing a record value as text, used by the CSV writer and by the cmdlets:
/// text as is, numbers in invariant culture, <c>true</c>/<c>false</c>, lists and maps as compact
/// JSON, instants in canonical timestamp form, and null as the empty string.
/// </summary>
public static class RecordText
{
    /// <summary>The text form of <paramref name="value"/>; never null.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        // "R" keeps every digit a double carries, so the text reads back to the same number.
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => CloseTimestamp.Format(t),
        RecordList or RecordMap => value.ToString() ?? "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable => RecordJson.Serialize(value),
        _ => value.ToString() ?? "",
    };
}
