using System.Collections.Concurrent;
using Closeio.Core.Http;

namespace Closeio.Core.Queries;

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
    private volatile bool _listening;

    /// <summary>The callback for <see cref="CloseConnectionOptions.Log"/>.</summary>
    public Action<RequestLogEntry> Log => Publish;

    /// <summary>Starts keeping entries (they are dropped while nobody listens, so none pile up).</summary>
    public void Listen()
    {
        _pending.Clear();
        _listening = true;
    }

    /// <summary>Stops keeping entries and forgets those not yet drained.</summary>
    public void StopListening()
    {
        _listening = false;
        _pending.Clear();
    }

    /// <summary>Takes every entry logged since the last call, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Drain()
    {
        var entries = new List<RequestLogEntry>();
        while (_pending.TryDequeue(out var entry)) entries.Add(entry);
        return entries;
    }

    private void Publish(RequestLogEntry entry)
    {
        if (!_listening || _pending.Count >= MaxPending) return;
        _pending.Enqueue(entry);
    }
}
