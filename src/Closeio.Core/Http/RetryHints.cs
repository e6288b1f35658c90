namespace Closeio.Core.Http;

/// <summary>How long an error answer asks the client to wait before trying again.</summary>
internal static class RetryHints
{
    // A hint longer than this is more likely a bug than a plan; the retry still backs off.
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The wait a 429 asks for, by preference: the <c>RateLimit</c> header's reset, <c>Retry-After</c>,
    /// <c>X-Rate-Limit-Reset</c>, then the body's <c>rate_reset</c>; null when it gives none.
    /// </summary>
    public static TimeSpan? For429(HttpResponseMessage response, CloseErrorBody body, DateTimeOffset now) =>
        Clamp(RateLimitStatus.RateLimitReset(response.Headers)
              ?? RetryAfter(response, now)
              ?? RateLimitStatus.LegacyReset(response.Headers)
              ?? body.RateReset);

    /// <summary>The <c>Retry-After</c> header as a wait (seconds, or an HTTP date against the server's Date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta) return Clamp(delta);
        if (retryAfter?.Date is { } date)
        {
            // Both dates from the server's clock when it sent one, so clock skew cancels out.
            var reference = response.Headers.Date ?? now;
            return Clamp(date - reference);
        }
        return null;
    }

    private static TimeSpan? Clamp(TimeSpan? wait) => wait switch
    {
        null => null,
        { } w when w < TimeSpan.Zero => TimeSpan.Zero,
        { } w when w > Longest => Longest,
        { } w => w,
    };
}
