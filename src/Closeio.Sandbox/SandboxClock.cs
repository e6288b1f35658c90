namespace Closeio.Sandbox;

/// <summary>
/// A clock the tests control. <see cref="Advance"/> moves it by hand. With <see cref="AutoAdvance"/>
/// on, a timer created by anyone who waits on this clock (Polly's back-off, a rate-limit wait,
/// <c>Task.Delay(x, clock)</c>) moves the clock forward by its due time and fires at once, so code
/// that sleeps for minutes finishes instantly while seeing the time it expected.
/// </summary>
public sealed class SandboxClock : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    public SandboxClock(DateTimeOffset start, bool autoAdvance = true)
    {
        _now = start.ToUniversalTime();
        AutoAdvance = autoAdvance;
    }

    /// <summary>When true, waiting on a timer advances the clock instead of blocking.</summary>
    public bool AutoAdvance { get; set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward (never backward).</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock never moves backward.");
        lock (_gate) _now += by;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (!AutoAdvance) return base.CreateTimer(callback, state, dueTime, period);
        if (dueTime == Timeout.InfiniteTimeSpan) return new InertTimer();
        if (dueTime > TimeSpan.Zero) Advance(dueTime);
        // Fire on the thread pool, as a real timer would, so callers never re-enter themselves.
        ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
