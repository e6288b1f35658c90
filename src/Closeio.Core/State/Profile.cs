namespace Closeio.Core.State;

/// <summary>
/// The contents of one profile file: settings, each stream's bookmark, and the last run's summary per
/// stream. A plain in-memory object; <see cref="ProfileStore"/> reads and writes it.
/// </summary>
/// <remarks>Not thread-safe: one run owns a profile (under its <see cref="ProfileLock"/>) and changes it
/// from one thread at a time.</remarks>
public sealed class Profile
{
    /// <summary>The schema version this module writes and the newest one it reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The file's schema version.</summary>
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>Settings kept between runs.</summary>
    public ProfileSettings Settings { get; set; } = new();

    /// <summary>Bookmarks by stream name.</summary>
    public Dictionary<string, StreamBookmark> Bookmarks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last run's summary by stream name.</summary>
    public Dictionary<string, StreamRunSummary> LastRun { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Moves <paramref name="stream"/>'s bookmark forward to <paramref name="value"/>. A value older than the
    /// current one is refused (returns false, nothing changes): bookmarks only move backwards through
    /// <see cref="ResetBookmark"/> or <see cref="SetBookmark(string, string, DateTimeOffset)"/>.
    /// </summary>
    /// <param name="stream">The stream name.</param>
    /// <param name="key">The replication key's name; must match the existing bookmark's key.</param>
    /// <param name="value">The key value of the last delivered record.</param>
    /// <param name="boundaryIds">Ids delivered at exactly <paramref name="value"/>. When the value equals the
    /// current one they are added to the ids already recorded; when it is newer they replace them.</param>
    /// <returns>True when the bookmark was set or moved, false when the value was older and refused.</returns>
    /// <exception cref="InvalidOperationException">The stream's bookmark uses a different replication key.</exception>
    public bool AdvanceBookmark(string stream, string key, DateTimeOffset value, IEnumerable<string>? boundaryIds = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(key);
        value = value.ToUniversalTime();

        if (!Bookmarks.TryGetValue(stream, out var bookmark))
        {
            bookmark = new StreamBookmark(key);
            Bookmarks[stream] = bookmark;
        }
        else if (!string.Equals(bookmark.Key, key, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The bookmark of stream '{stream}' is on '{bookmark.Key}', not '{key}'. Reset it before changing its key.");
        }

        if (bookmark.Value is { } current)
        {
            if (value < current)
            {
                return false;
            }

            if (value == current)
            {
                AddDistinct(bookmark.BoundaryIds, boundaryIds);
                return true;
            }
        }

        bookmark.Value = value;
        bookmark.BoundaryIds = [];
        AddDistinct(bookmark.BoundaryIds, boundaryIds);
        return true;
    }

    /// <summary>
    /// Sets <paramref name="stream"/>'s bookmark to <paramref name="value"/>, backwards if need be, keeping its
    /// replication key. For an explicit user request (Set-CloseioState), not for the sync engine.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream has no bookmark yet, so its key is unknown:
    /// use the overload that takes the key.</exception>
    public void SetBookmark(string stream, DateTimeOffset value)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (!Bookmarks.TryGetValue(stream, out var bookmark))
        {
            throw new InvalidOperationException(
                $"The stream '{stream}' has no bookmark yet, so its replication key is unknown; pass the key.");
        }

        SetBookmark(stream, bookmark.Key, value);
    }

    /// <summary>
    /// Sets <paramref name="stream"/>'s bookmark on <paramref name="key"/> to <paramref name="value"/>,
    /// backwards if need be. Boundary ids are cleared (they belonged to the old value); other fields are kept
    /// when the key is unchanged.
    /// </summary>
    public void SetBookmark(string stream, string key, DateTimeOffset value)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(key);

        var bookmark = Bookmarks.TryGetValue(stream, out var existing) && existing.Key == key
            ? existing
            : new StreamBookmark(key);
        bookmark.Value = value.ToUniversalTime();
        bookmark.BoundaryIds = [];
        Bookmarks[stream] = bookmark;
    }

    /// <summary>Forgets <paramref name="stream"/>'s bookmark, so the next run starts from the start date.</summary>
    /// <returns>True when there was a bookmark to forget.</returns>
    public bool ResetBookmark(string stream)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        return Bookmarks.Remove(stream);
    }

    private static void AddDistinct(List<string> target, IEnumerable<string>? ids)
    {
        if (ids is null)
        {
            return;
        }

        var seen = new HashSet<string>(target, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!string.IsNullOrEmpty(id) && seen.Add(id))
            {
                target.Add(id);
            }
        }
    }
}
