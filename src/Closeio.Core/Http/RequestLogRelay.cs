using System.Collections.Concurrent;

namespace Closeio.Core.Http;

/// <summary>
/// Collects a connection's request log (written on any thread) so that the command running on the
/// pipeline thread can show it with Write-Verbose. Give <see cref="Log"/> to
/// <see cref="CloseConnectionOptions.Log"/> when connecting; a command drains the lines between
/// records. Entries never hold the API key.
/// </summary>
public sealed class RequestLogRelay
{
    private const int MaxPending = 10_000;
    private readonly ConcurrentQueue<RequestLogEntry> _pending = new();
    private int _listeners;
    private TaskCompletionSource _logged = NewSignal();

    /// <summary>The callback for <see cref="CloseConnectionOptions.Log"/>.</summary>
    public Action<RequestLogEntry> Log => Publish;

    /// <summary>
    /// Starts keeping entries until the returned handle is disposed (entries are dropped while nobody
    /// listens, so none pile up). Several commands of one pipeline may listen at once.
    /// </summary>
    public IDisposable Listen()
    {
        Interlocked.Increment(ref _listeners);
        return new Listener(this);
    }

    /// <summary>Takes every entry logged since the last call, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Drain()
    {
        var entries = new List<RequestLogEntry>();
        while (_pending.TryDequeue(out var entry)) entries.Add(entry);
        return entries;
    }

    /// <summary>
    /// A task that completes when the next entry is kept (at once when some wait to be drained), so a
    /// command blocked on a request can wake and show each attempt and retry as it happens.
    /// </summary>
    public Task WhenLogged()
    {
        var signal = Volatile.Read(ref _logged);
        return _pending.IsEmpty ? signal.Task : Task.CompletedTask;
    }

    /// <summary>
    /// Waits for <paramref name="work"/> while handing every entry logged meanwhile to
    /// <paramref name="show"/> on the calling thread, as it arrives; then shows the rest.
    /// </summary>
    public void WaitShowing(Task work, Action<RequestLogEntry> show)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(show);
        while (!work.IsCompleted)
        {
            Task.WaitAny(work, WhenLogged());
            foreach (var entry in Drain()) show(entry);
        }
        foreach (var entry in Drain()) show(entry);
    }

    private void Publish(RequestLogEntry entry)
    {
        if (Volatile.Read(ref _listeners) <= 0 || _pending.Count >= MaxPending) return;
        _pending.Enqueue(entry);
        Interlocked.Exchange(ref _logged, NewSignal()).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Listener(RequestLogRelay relay) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            if (Interlocked.Decrement(ref relay._listeners) == 0) relay._pending.Clear();
        }
    }
}
