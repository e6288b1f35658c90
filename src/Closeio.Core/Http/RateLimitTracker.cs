using System.Collections.Concurrent;

namespace Closeio.Core.Http;

/// <summary>
/// Remembers, per endpoint group, until when Close said its budget is spent, so the next call to
/// that group waits for the reset instead of earning a 429.
/// </summary>
internal sealed class RateLimitTracker
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);

    /// <summary>How long a call to <paramref name="group"/> should wait before it is sent.</summary>
    public TimeSpan WaitFor(string group, DateTimeOffset now)
    {
        if (!_blockedUntil.TryGetValue(group, out var until)) return TimeSpan.Zero;
        if (until > now) return until - now;
        _blockedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(group, until));
        return TimeSpan.Zero;
    }

    /// <summary>
    /// Takes note of what an answer said about its group's budget: a spent one holds the group until
    /// the reset, plus <see cref="RetryHints.WithMargin">a safety margin</see>.
    /// </summary>
    public void Observe(string group, RateLimitStatus? status, DateTimeOffset now)
    {
        if (status is not { Remaining: { } remaining, Reset: { } reset }) return;
        if (remaining <= 0) Block(group, now + RetryHints.WithMargin(reset));
    }

    /// <summary>Holds calls to <paramref name="group"/> until <paramref name="until"/> (never shortens a hold).</summary>
    public void Block(string group, DateTimeOffset until) =>
        _blockedUntil.AddOrUpdate(group, until, (_, existing) => existing > until ? existing : until);
}
