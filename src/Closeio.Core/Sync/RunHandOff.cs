using System.Threading.Channels;

namespace Closeio.Core.Sync;

/// <summary>
/// The hand-off between the stream readers (any thread) and the single consumer (the pipeline
/// thread). Records are bounded: a reader waits for a free slot, so at most <c>capacity</c> records are
/// in flight. Log, progress, warning and error events are small and never make a reader wait (the
/// client's log callback cannot wait), so they pass without a slot.
/// </summary>
internal sealed class RunHandOff : IDisposable
{
    private readonly Channel<SyncEvent> _channel =
        Channel.CreateUnbounded<SyncEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _recordSlots;
    private bool _completed;

    public RunHandOff(int capacity) => _recordSlots = new SemaphoreSlim(Math.Max(1, capacity));

    /// <summary>Waits for a free slot, then queues the record event.</summary>
    public async ValueTask WriteRecordAsync(RecordEvent record, CancellationToken cancellationToken)
    {
        await _recordSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_channel.Writer.TryWrite(record)) _recordSlots.Release();
    }

    /// <summary>Queues a non-record event; ignored once the hand-off is complete.</summary>
    public void Post(SyncEvent e) => _channel.Writer.TryWrite(e);

    /// <summary>No more events will come.</summary>
    public void Complete()
    {
        // The flag first: the consumer may see the events end (and ask IsCompleted) the moment the
        // channel completes, on another thread.
        Volatile.Write(ref _completed, true);
        _channel.Writer.TryComplete();
    }

    /// <summary>Whether <see cref="Complete"/> was called (the readers are done or finishing); true once <see cref="ReadAll"/> has ended.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed);

    /// <summary>The events in order, blocking the calling thread while none is ready.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IEnumerable<SyncEvent> ReadAll(CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (true)
        {
            while (reader.TryRead(out var e))
            {
                if (e is RecordEvent) _recordSlots.Release();
                yield return e;
            }

            var wait = reader.WaitToReadAsync(cancellationToken);
            var more = wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
            if (!more) yield break;
        }
    }

    public void Dispose() => _recordSlots.Dispose();
}
