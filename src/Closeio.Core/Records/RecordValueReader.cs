namespace Closeio.Core.Records;

/// <summary>
/// Turns Close's JSON values into record values: text, long, decimal or double, bool, null,
/// <see cref="RecordList"/> and <see cref="RecordMap"/>, normalizing timestamps on the way in.
/// </summary>
/// <param name="dateTimeKeys">
/// Keys known to hold instants wherever they appear: the <c>custom.cf_XXX</c> keys of datetime
/// custom fields, which also occur nested (an opportunity's or an event's data).
/// </param>
internal sealed class RecordValueReader(IReadOnlySet<string> dateTimeKeys)
{
    /// <summary>Reads <paramref name="value"/>, found under the key <paramref name="name"/>.</summary>
    /// <param name="value">The JSON value.</param>
    /// <param name="name">Its key in the enclosing object (decides whether text is a timestamp).</param>
    /// <param name="isDateTime">True when the schema says the value is an instant.</param>
    public object? Read(JsonElement value, string name, bool isDateTime)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                return isDateTime || IsTimestampKey(name) || dateTimeKeys.Contains(name) ? NormalizeTimestamp(text) : text;
            case JsonValueKind.Number:
                return ReadNumber(value);
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Array:
                var list = new RecordList(value.GetArrayLength());
                foreach (var item in value.EnumerateArray())
                    list.Add(Read(item, name, isDateTime));
                return list;
            case JsonValueKind.Object:
                var map = new RecordMap();
                foreach (var property in value.EnumerateObject())
                    map[property.Name] = Read(property.Value, property.Name, isDateTime: false);
                return map;
            default:
                return null;
        }
    }

    /// <summary>
    /// Keys Close uses for instants: <c>date_*</c> (date_created, date_updated, date_sent),
    /// <c>*_at</c> (opened_at) and the bare <c>date</c> of envelopes, tasks and send attempts.
    /// </summary>
    public static bool IsTimestampKey(string name) =>
        name.StartsWith("date_", StringComparison.OrdinalIgnoreCase) ||
        name.EndsWith("_at", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("date", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Rewrites a date-and-time text in canonical form. A bare date (an opportunity's date_won, an
    /// all-day task) names a calendar day rather than an instant, so it is left as it is; so is any
    /// text that is not a timestamp.
    /// </summary>
    public static string NormalizeTimestamp(string text)
    {
        if (text.Length > 10 && CloseTimestamp.TryParse(text, out var instant))
            return CloseTimestamp.Format(instant);
        return text;
    }

    private static object ReadNumber(JsonElement value)
    {
        if (value.TryGetInt64(out var whole))
            return whole;

        var raw = value.GetRawText();
        var asDouble = value.GetDouble();
        // decimal keeps money-like values exact (0.1 stays 0.1); fall back to double when decimal
        // would lose the value (out of range, or too small and rounded to zero).
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) &&
            (double)exact == asDouble)
            return exact;
        return asDouble;
    }
}
