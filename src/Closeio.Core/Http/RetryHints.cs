namespace Closeio.Core.Http;

/// <summary>How long an error answer asks the client to wait before trying again.</summary>
internal static class RetryHints
{
    // A hint longer than this is more likely a bug than a plan; the retry still backs off.
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    private static readonly long MarginStep = TimeSpan.FromMilliseconds(100).Ticks;

    /// <summary>
    /// The wait a 429 asks for, by preference: the <c>RateLimit</c> header's reset (or a separate
    /// <c>RateLimit-Reset</c> header), <c>Retry-After</c>,
    /// <c>X-Rate-Limit-Reset</c>, then the body's <c>rate_reset</c>; null when it gives none. The
    /// hint gets the <see cref="WithMargin">safety margin</see>.
    /// </summary>
    public static TimeSpan? For429(HttpResponseMessage response, CloseErrorBody body, DateTimeOffset now) =>
        Clamp(RateLimitStatus.RateLimitReset(response.Headers)
              ?? RetryAfter(response, now)
              ?? RateLimitStatus.LegacyReset(response.Headers)
              ?? body.RateReset) is { } wait ? WithMargin(wait) : null;

    /// <summary>
    /// A server-given wait for a rate-limit window to reset, made safe to act on: 5% more, then up to
    /// the next whole 100 ms strictly after that (0 → 0.1 s, 1 s → 1.1 s, 5 s → 5.3 s).
    /// </summary>
    /// <remarks>
    /// Waiting exactly as long as told sends the next request at, or a moment before, the instant the
    /// window resets, and a reset rounded down (Close writes decimals; <c>Retry-After</c> whole seconds)
    /// lands it inside the old window: a second 429 that costs a request and a longer wait. The 100 ms
    /// step covers rounding to a tenth of a second or finer, a reset of 0, and timer granularity;
    /// the 5% covers clocks that run at slightly different rates over long waits (3 s on a 60 s
    /// reset). When every window is spent, this costs at most ~5% + 0.1 s of throughput per window,
    /// far less than a 429 and its back-off.
    /// </remarks>
    internal static TimeSpan WithMargin(TimeSpan wait)
    {
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        var padded = wait.Ticks + wait.Ticks / 20;
        return TimeSpan.FromTicks((padded / MarginStep + 1) * MarginStep);
    }

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
