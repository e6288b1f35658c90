using System.Globalization;

namespace Closeio.Sandbox;

/// <summary>Typed, validated access to a request's query parameters; bad values become Close-style 400s.</summary>
/// <param name="values">The parameters.</param>
/// <param name="filterOffset">
/// From the <c>x-tz-offset</c> header: the offset that date filters without one of their own are
/// read in. Close does this, so a client that sends the header gets windows shifted by hours.
/// </param>
internal sealed class ApiQuery(IReadOnlyDictionary<string, string> values, TimeSpan filterOffset = default)
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
        if (!ApiDates.TryParse(s, out var d)) throw ApiException.FieldError(name, "Enter a valid date/time.");
        // A value without an offset was read as UTC; under x-tz-offset it meant local time there.
        return filterOffset != TimeSpan.Zero && !ApiDates.HasOffset(s) ? d - filterOffset : d;
    }
}

/// <summary>Parses the date/time forms Close accepts in filters (ISO 8601, date only, naive = UTC).</summary>
internal static partial class ApiDates
{
    [System.Text.RegularExpressions.GeneratedRegex(@"(Z|[+\- ]\d\d:?\d\d)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OffsetSuffix();

    /// <summary>Does the text carry its own offset (<c>Z</c>, <c>+02:00</c>, <c>-0500</c>)?</summary>
    public static bool HasOffset(string s) => s.Contains('T') && OffsetSuffix().IsMatch(s.Trim());

    /// <summary>
    /// Reads <c>x-tz-offset</c>: hours (<c>-5</c>, <c>5.5</c>) or <c>±hh:mm</c>. Null when absent or unreadable.
    /// </summary>
    public static TimeSpan? ParseOffsetHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var h = header.Trim();
        if (double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && Math.Abs(hours) <= 14)
            return TimeSpan.FromHours(hours);
        return TimeSpan.TryParseExact(h.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var span) && span <= TimeSpan.FromHours(14)
            ? (h.StartsWith('-') ? -span : span)
            : null;
    }

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
