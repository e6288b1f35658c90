namespace Closeio.Core.State;

/// <summary>
/// Reads and changes the bookmarks of a profile for Get-, Set- and Reset-CloseioState. Changes take
/// the profile's lock, so they never collide with a sync running on the same profile.
/// </summary>
public static class ProfileStateEditor
{
    /// <summary>The state of each stream named (every stream when null or empty), in catalog order.</summary>
    /// <exception cref="ProfileCorruptException">The profile cannot be read.</exception>
    /// <exception cref="ArgumentException">A name is not a stream.</exception>
    public static IReadOnlyList<StreamState> Read(ProfileStore store, IReadOnlyList<string>? streams = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var selected = Select(streams);
        var profile = store.Load();
        return selected.Select(s =>
        {
            profile.Bookmarks.TryGetValue(s.Name, out var bookmark);
            profile.LastRun.TryGetValue(s.Name, out var run);
            return new StreamState
            {
                Stream = s.Name,
                ReplicationKey = bookmark?.Key ?? s.ReplicationKey,
                Bookmark = bookmark?.Value,
                DeliveredAtBookmark = bookmark?.BoundaryIds.Count ?? 0,
                LastRunStarted = run?.Started,
                LastRunEnded = run?.Ended,
                LastRunOutcome = run?.Outcome,
                LastRunRecords = run?.Records,
                LastRunRequests = run?.Requests,
                LastRunError = run?.Error,
                ProfilePath = store.Path,
            };
        }).ToArray();
    }

    /// <summary>Forgets the bookmarks of the streams named, so their next run starts from the start date.</summary>
    /// <returns>The streams that had a bookmark.</returns>
    /// <exception cref="ProfileLockedException">A sync is using the profile.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read; it is left untouched.</exception>
    public static IReadOnlyList<string> Reset(ProfileStore store, IReadOnlyList<string> streams) =>
        Reset(store, streams, TimeSpan.Zero);

    /// <summary>Forgets the bookmarks of the streams named, waiting up to <paramref name="lockWait"/> for a sync
    /// that holds the profile.</summary>
    /// <returns>The streams that had a bookmark.</returns>
    /// <exception cref="ProfileLockedException">A sync still held the profile after <paramref name="lockWait"/>.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read; it is left untouched.</exception>
    public static IReadOnlyList<string> Reset(ProfileStore store, IReadOnlyList<string> streams, TimeSpan lockWait) =>
        Reset(store, streams, lockWait, TimeProvider.System);

    /// <summary>Forgets the bookmarks of the streams named, waiting up to <paramref name="lockWait"/> as measured on
    /// <paramref name="time"/>.</summary>
    public static IReadOnlyList<string> Reset(ProfileStore store, IReadOnlyList<string> streams, TimeSpan lockWait, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(streams);
        // An empty list resets nothing (never "all"): the caller may have declined every stream.
        if (streams.Count == 0) return [];
        var selected = Select(streams);
        ArgumentNullException.ThrowIfNull(time);
        using var _ = store.Lock(lockWait, time);
        var profile = store.Load();
        var reset = selected.Where(s => profile.ResetBookmark(s.Name)).Select(s => s.Name).ToArray();
        if (reset.Length > 0) store.Save(profile);
        return reset;
    }

    /// <summary>Sets a stream's bookmark, backwards or forwards; the next run reads from there.</summary>
    /// <exception cref="ProfileLockedException">A sync is using the profile.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read; it is left untouched.</exception>
    /// <exception cref="ArgumentException">The bookmark lies in the future (see <see cref="StreamBookmark.FutureTolerance"/>).</exception>
    public static StreamState Set(ProfileStore store, string stream, DateTimeOffset bookmark) =>
        Set(store, stream, bookmark, TimeSpan.Zero, TimeProvider.System);

    /// <summary>
    /// Sets a stream's bookmark, backwards or forwards up to now (by <paramref name="time"/>, plus
    /// <see cref="StreamBookmark.FutureTolerance"/>), waiting up to <paramref name="lockWait"/> for a sync
    /// that holds the profile. A bookmark in the future is refused: every run would read nothing until then.
    /// </summary>
    /// <exception cref="ArgumentException">The bookmark lies in the future; nothing is changed.</exception>
    /// <exception cref="ProfileLockedException">A sync still held the profile after <paramref name="lockWait"/>.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read; it is left untouched.</exception>
    public static StreamState Set(ProfileStore store, string stream, DateTimeOffset bookmark, TimeSpan lockWait, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var definition = StreamCatalog.Get(stream);
        if (definition.ReplicationKey is not { } replicationKey)
        {
            throw new ArgumentException(
                $"'{definition.Name}' is read whole on every run and keeps no bookmark, so there is none to set. " +
                "Every sync delivers its whole table; name another stream, or leave it out of the sync.", nameof(stream));
        }

        var now = time.GetUtcNow();
        if (StreamBookmark.IsFuture(bookmark, now))
        {
            throw new ArgumentException(
                $"The bookmark {CloseTimestamp.Format(bookmark.ToUniversalTime())} for {definition.Name} is in the future " +
                $"(now is {CloseTimestamp.Format(now)}; up to {StreamBookmark.FutureTolerance.TotalMinutes:0} minutes ahead is allowed " +
                "for clock differences): every run would read nothing until then. Give a time up to now; to skip past " +
                "everything so far, use the current time.", nameof(bookmark));
        }

        using (store.Lock(lockWait, time))
        {
            var profile = store.Load();
            var key = profile.Bookmarks.TryGetValue(definition.Name, out var existing) ? existing.Key : replicationKey;
            profile.SetBookmark(definition.Name, key, bookmark);
            store.Save(profile);
        }

        return Read(store, [definition.Name])[0];
    }

    private static StreamDefinition[] Select(IReadOnlyList<string>? streams) =>
        streams is { Count: > 0 }
            ? streams.Select(StreamCatalog.Get).DistinctBy(s => s.Name).ToArray()
            : StreamCatalog.All.ToArray();
}
