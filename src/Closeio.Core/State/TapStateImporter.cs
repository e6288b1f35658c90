namespace Closeio.Core.State;

/// <summary>One stream's bookmark in a tap state, next to the one the profile holds.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="ReplicationKey">The key the bookmark is on.</param>
/// <param name="Imported">The tap state's value, in UTC.</param>
/// <param name="Current">The profile's value, or null when it has none (on this key).</param>
public sealed record TapStateBookmark(string Stream, string ReplicationKey, DateTimeOffset Imported, DateTimeOffset? Current)
{
    /// <summary>True when importing would move the profile's bookmark backwards (the next run reads again from there).</summary>
    public bool MovesBack => Current is { } current && current > Imported;
}

/// <summary>What a tap state holds, read against a profile: see <see cref="TapStateImporter.Read"/>.</summary>
/// <param name="Bookmarks">The bookmarks of the streams this module knows, in catalog order.</param>
/// <param name="UnknownStreams">Streams of the state that this module does not know.</param>
/// <param name="CurrentlySyncing">The stream tap-closeio was syncing when it stopped, if any.</param>
public sealed record TapStatePlan(
    IReadOnlyList<TapStateBookmark> Bookmarks, IReadOnlyList<string> UnknownStreams, string? CurrentlySyncing);

/// <summary>
/// Import-CloseioState: reads a tap-closeio (Singer) state against a profile, then writes the approved
/// bookmarks into it under the profile's lock, so that a user moving from Stitch or Singer (or a runner
/// that kept the STATE messages of Sync-CloseioStream -AsSingerMessage) continues where that left off.
/// </summary>
public static class TapStateImporter
{
    /// <summary>Reads <paramref name="tapStateJson"/> and pairs each bookmark with the profile's.</summary>
    /// <exception cref="InvalidTapStateException">The text is not a tap-closeio state; nothing is changed.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read.</exception>
    public static TapStatePlan Read(ProfileStore store, string tapStateJson)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tapStateJson);
        var scratch = new Profile();
        TapStateImportResult result;
        try
        {
            result = TapStateImport.Apply(scratch, tapStateJson);
        }
        catch (FormatException e)
        {
            throw new InvalidTapStateException(e.Message, e);
        }

        var profile = store.Load();
        var bookmarks = StreamCatalog.All
            .Where(s => result.Imported.Contains(s.Name))
            .Select(s =>
            {
                var imported = scratch.Bookmarks[s.Name];
                var current = profile.Bookmarks.TryGetValue(s.Name, out var b) && b.Key == imported.Key ? b.Value : null;
                return new TapStateBookmark(s.Name, imported.Key, imported.Value!.Value, current);
            })
            .ToArray();
        return new TapStatePlan(bookmarks, result.UnknownStreams, result.CurrentlySyncing);
    }

    /// <summary>
    /// Writes <paramref name="approved"/> into the profile, under its lock, and returns the resulting state
    /// of those streams. Unless <paramref name="replaceNewer"/>, a bookmark that is (by now) later than the
    /// imported one is kept: an import never moves a bookmark backwards by accident.
    /// </summary>
    /// <exception cref="ProfileLockedException">A sync still held the profile after <paramref name="lockWait"/>.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read; it is left untouched.</exception>
    public static IReadOnlyList<StreamState> Apply(ProfileStore store, IReadOnlyList<TapStateBookmark> approved,
        bool replaceNewer, TimeSpan lockWait, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(time);
        if (approved.Count == 0) return [];
        using (store.Lock(lockWait, time))
        {
            var profile = store.Load();
            var changed = false;
            foreach (var b in approved)
            {
                var newer = profile.Bookmarks.TryGetValue(b.Stream, out var current) && current.Key == b.ReplicationKey &&
                            current.Value > b.Imported;
                if (newer && !replaceNewer) continue;
                profile.SetBookmark(b.Stream, b.ReplicationKey, b.Imported);
                changed = true;
            }

            if (changed) store.Save(profile);
        }

        return ProfileStateEditor.Read(store, approved.Select(b => b.Stream).ToArray());
    }
}

/// <summary>A file given as a tap-closeio state is not one; the message says which part.</summary>
public sealed class InvalidTapStateException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public InvalidTapStateException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
