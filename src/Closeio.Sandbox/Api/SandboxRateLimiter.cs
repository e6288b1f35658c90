namespace Closeio.Sandbox;

/// <summary>The verdict on one request: allowed or not, and what the rate-limit hints should say.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, double ResetSeconds);

/// <summary>
/// Fixed windows on the organization's clock, counted per endpoint group and API key, and per
/// endpoint group for the whole organization (three times a key's limit).
/// </summary>
internal sealed class SandboxRateLimiter(RateLimitOptions options, TimeProvider clock)
{
    private readonly object _gate = new();

    /// <summary>The settings this limiter counts against.</summary>
    public RateLimitOptions Options => options;
    private readonly Dictionary<string, (long Window, int Count)> _counts = new(StringComparer.Ordinal);

    public RateLimitDecision Take(string group, string apiKey)
    {
        var now = clock.GetUtcNow();
        var windowTicks = Math.Max(1, options.Window.Ticks);
        var window = now.UtcTicks / windowTicks;
        var reset = TimeSpan.FromTicks((window + 1) * windowTicks - now.UtcTicks).TotalSeconds;
        lock (_gate)
        {
            var keyCount = Current($"key\n{apiKey}\n{group}", window);
            var orgCount = Current($"org\n{group}", window);
            var keyLimit = options.RequestsPerWindow;
            if (keyCount >= keyLimit) return new(false, keyLimit, 0, reset);
            if (orgCount >= options.OrganizationRequestsPerWindow)
                return new(false, options.OrganizationRequestsPerWindow, 0, reset);
            _counts[$"key\n{apiKey}\n{group}"] = (window, keyCount + 1);
            _counts[$"org\n{group}"] = (window, orgCount + 1);
            return new(true, keyLimit, keyLimit - keyCount - 1, reset);
        }
    }

    private int Current(string key, long window) =>
        _counts.TryGetValue(key, out var c) && c.Window == window ? c.Count : 0;
}
