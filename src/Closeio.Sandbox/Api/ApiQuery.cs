using System.Globalization;

namespace Closeio.Sandbox;

/// <summary>Typed, validated access to a request's query parameters; bad values become Close-style 400s.</summary>
internal sealed class ApiQuery(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public bool Has(string name) => Values.ContainsKey(name);

    public string? String(string name) =>
        Values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>A comma-separated list (<c>id__in=a,b</c>); empty when absent.</summary>
    public IReadOnlyList<string> List(string name) =>
        String(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public int Int(string name, int defaultValue)
    {
        var s = String(name);
        if (s is null) return defaultValue;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw ApiException.FieldError(name, "Enter a whole number.");
        return v;
    }

    public bool? Bool(string name)
    {
        var s = String(name);
        if (s is null) return null;
        return s.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw ApiException.FieldError(name, "Must be true or false."),
        };
    }

    public DateTimeOffset? Date(string name)
    {
        var s = String(name);
        if (s is null) return null;
        if (ApiDates.TryParse(s, out var d)) return d;
        throw ApiException.FieldError(name, "Enter a valid date/time.");
    }
}

/// <summary>Parses the date/time forms Close accepts in filters (ISO 8601, date only, naive = UTC).</summary>
internal static class ApiDates
{
    public static bool TryParse(string? s, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(s)) return false;
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, styles, out value)) return true;
        // An unencoded '+' in a URL arrives as a space ("...10:00:00 00:00"); read it as the '+' it was.
        return s.Contains(' ') && DateTimeOffset.TryParse(s.Replace(' ', '+'), CultureInfo.InvariantCulture, styles, out value);
    }
}
