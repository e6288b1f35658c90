using System.Net.Http.Headers;

namespace Closeio.Core.Http;

/// <summary>
/// What an answer said about its endpoint group's budget: how many calls remain and when the
/// window resets. Read from <c>RateLimit: limit=100, remaining=0, reset=5</c> (separated by
/// <c>, </c> or <c>; </c>), from separate <c>RateLimit-Remaining</c> / <c>RateLimit-Reset</c>
/// headers (which Close's own client reads), or from the older <c>X-Rate-Limit-*</c> headers.
/// </summary>
internal readonly record struct RateLimitStatus(double? Remaining, TimeSpan? Reset)
{
    /// <summary>The status an answer's headers carry, or null when they carry none.</summary>
    public static RateLimitStatus? From(HttpResponseHeaders headers)
    {
        if (headers.TryGetValues("RateLimit", out var values))
        {
            var status = ParseCombined(string.Join(",", values));
            // A combined header without a reset may leave it to a separate RateLimit-Reset.
            if (status is { Reset: null } partial && SeparateReset(headers) is { } separate) return partial with { Reset = separate };
            if (status is not null) return status;
        }
        var ownRemaining = ParseNumber(Single(headers, "RateLimit-Remaining"));
        var ownReset = SeparateReset(headers);
        if (ownRemaining is not null || ownReset is not null) return new RateLimitStatus(ownRemaining, ownReset);
        var remaining = ParseNumber(Single(headers, "X-Rate-Limit-Remaining"));
        var reset = ParseNumber(Single(headers, "X-Rate-Limit-Reset"));
        return remaining is null && reset is null ? null : new RateLimitStatus(remaining, Seconds(reset));
    }

    /// <summary>The reset of the combined <c>RateLimit</c> header, else of a separate <c>RateLimit-Reset</c>, or null.</summary>
    public static TimeSpan? RateLimitReset(HttpResponseHeaders headers) =>
        (headers.TryGetValues("RateLimit", out var values) ? ParseCombined(string.Join(",", values))?.Reset : null)
        ?? SeparateReset(headers);

    /// <summary>A separate <c>RateLimit-Reset</c> header: seconds to the reset (a decimal is fine).</summary>
    private static TimeSpan? SeparateReset(HttpResponseHeaders headers) =>
        Seconds(ParseNumber(Single(headers, "RateLimit-Reset")));

    /// <summary>The reset of the legacy <c>X-Rate-Limit-Reset</c> header alone, or null.</summary>
    public static TimeSpan? LegacyReset(HttpResponseHeaders headers) =>
        Seconds(ParseNumber(Single(headers, "X-Rate-Limit-Reset")));

    /// <summary>Parses <c>limit=100, remaining=0, reset=2.5</c>; either separator; unknown keys ignored.</summary>
    internal static RateLimitStatus? ParseCombined(string text)
    {
        double? remaining = null, reset = null;
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var key = part[..eq].Trim();
            var value = ParseNumber(part[(eq + 1)..].Trim().Trim('"'));
            if (key.Equals("remaining", StringComparison.OrdinalIgnoreCase)) remaining = value;
            else if (key.Equals("reset", StringComparison.OrdinalIgnoreCase)) reset = value;
        }
        return remaining is null && reset is null ? null : new RateLimitStatus(remaining, Seconds(reset));
    }

    internal static double? ParseNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    internal static TimeSpan? Seconds(double? seconds) =>
        seconds is { } s ? TimeSpan.FromSeconds(Math.Max(0, s)) : null;

    private static string? Single(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
