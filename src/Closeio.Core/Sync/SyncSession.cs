using Closeio.Core.Records;
using Closeio.Core.State;

namespace Closeio.Core.Sync;

/// <summary>
/// One sync run: readers fetch the requested streams in the background, and the single consumer takes
/// the events from <see cref="Events"/> on its own thread, calling <see cref="Accept"/> for each record
/// it took. Bookmarks only ever cover accepted records. Call <see cref="Complete"/> after the events
/// ran out; <see cref="Dispose"/> without it (Ctrl+C, <c>Select-Object -First</c>, an exception)
/// checkpoints what was accepted and records the run as interrupted.
/// </summary>
public sealed class SyncSession : IDisposable
{
    private SyncSession()
    {
    }

    /// <summary>
    /// Takes the profile's lock, reads the profile and starts reading the streams.
    /// </summary>
    /// <param name="connection">The organization to read.</param>
    /// <param name="store">The profile with the bookmarks and settings.</param>
    /// <param name="request">What to sync.</param>
    /// <param name="cancellationToken">Stops the run (the cmdlet's StopProcessing cancels it).</param>
    /// <exception cref="ProfileLockedException">Another run holds the profile.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read; it is left untouched.</exception>
    /// <exception cref="ArgumentException">The request names an unknown stream or is inconsistent.</exception>
    public static SyncSession Start(CloseConnection connection, ProfileStore store, SyncRequest request,
        CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>
    /// The run's events, in order, blocking until the next one is ready; ends when every stream is done.
    /// Call from one thread only.
    /// </summary>
    public IEnumerable<SyncEvent> Events() => throw new NotImplementedException();

    /// <summary>The consumer took <paramref name="record"/>: it may now count towards the bookmark.</summary>
    public void Accept(Record record) => throw new NotImplementedException();

    /// <summary>
    /// Ends the run after <see cref="Events"/> ran out: saves the final bookmarks and the per-stream
    /// summary (unless bookmarks are not saved) and returns the summary.
    /// </summary>
    public IReadOnlyList<StreamRunSummary> Complete() => throw new NotImplementedException();

    /// <summary>Stops the readers, checkpoints accepted records and releases the profile.</summary>
    public void Dispose() => throw new NotImplementedException();
}
