namespace Closeio.Core.Tests.State;

/// <summary>
/// A clock that moves only when someone waits on it: each timer advances it by its due time and fires at
/// once, after running <see cref="OnWait"/> with the number of waits so far (to change the world mid-wait).
/// </summary>
internal sealed class StepClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public int Waits { get; private set; }

    public TimeSpan Waited { get; private set; }

    public Action<int>? OnWait { get; set; }

    public override DateTimeOffset GetUtcNow() => _now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return new Inert();
        Waits++;
        Waited += dueTime;
        _now += dueTime;
        OnWait?.Invoke(Waits);
        callback(state);
        return new Inert();
    }

    private sealed class Inert : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
