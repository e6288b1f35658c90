namespace Closeio.Core.Sync;

/// <summary>
/// Follows what one stream handed out and what the consumer accepted, and derives the bookmark from
/// the accepted prefix only: a record accepted after one that was never accepted cannot move the
/// bookmark past the missing one. Records go out in ascending (key, id) order, so the bookmark is the
/// key of the last record of the accepted prefix plus the ids accepted at exactly that key. Not
/// thread-safe: the session serialises calls.
/// </summary>
internal sealed class BookmarkTracker
{
    private readonly Queue<Entry> _pending = new();
    private readonly Dictionary<Record, Entry> _byRecord = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<(long AfterEmitted, string Key, string Value)> _markers = new();
    private readonly Dictionary<string, string> _extras = new(StringComparer.Ordinal);
    private readonly List<string> _boundary = [];
    private readonly Dictionary<string, DateTimeOffset>? _recent;
    private readonly TimeSpan _recentSpan;
    private long _emitted;

    /// <param name="stream">The stream name.</param>
    /// <param name="keyName">The replication key's name; null for a full-table stream, which has no bookmark.</param>
    /// <param name="recentSpan">When set, the ids accepted within this span before the bookmark are
    /// kept (see <see cref="RecentIds"/>), seeded from <paramref name="initialRecent"/>.</param>
    /// <param name="initialRecent">The recent ids the bookmark already held.</param>
    public BookmarkTracker(string stream, string? keyName, TimeSpan? recentSpan = null,
        IReadOnlyDictionary<string, DateTimeOffset>? initialRecent = null)
    {
        Stream = stream;
        KeyName = keyName;
        if (recentSpan is { } span)
        {
            _recentSpan = span;
            _recent = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            if (initialRecent is not null)
                foreach (var (id, t) in initialRecent) _recent[id] = t;
        }
    }

    public string Stream { get; }

    public string? KeyName { get; }

    /// <summary>Records of the accepted prefix (what the bookmark covers).</summary>
    public long Accepted { get; private set; }

    /// <summary>Records handed out and not yet covered.</summary>
    public int Pending => _pending.Count;

    /// <summary>The key of the last record of the accepted prefix; null before the first.</summary>
    public DateTimeOffset? LastKey { get; private set; }

    /// <summary>Whether anything changed since <see cref="ApplyTo"/> last ran.</summary>
    public bool Dirty { get; private set; }

    /// <summary>Called just before <paramref name="record"/> is handed out.</summary>
    public void Emitted(Record record)
    {
        var entry = new Entry(record);
        _pending.Enqueue(entry);
        _byRecord[record] = entry;
        _emitted++;
    }

    /// <summary>
    /// Remembers a bookmark Extra value that becomes true once every record handed out so far has been
    /// accepted (e.g. the activities watermark after the look-back region).
    /// </summary>
    public void AddMarker(string key, string value)
    {
        _markers.Enqueue((_emitted, key, value));
        ApplyMarkers();
    }

    /// <summary>The consumer took <paramref name="record"/>. Returns false when it was not handed out by this stream (or twice).</summary>
    public bool Accept(Record record)
    {
        if (!_byRecord.Remove(record, out var entry)) return false;
        entry.Accepted = true;
        while (_pending.TryPeek(out var head) && head.Accepted)
        {
            _pending.Dequeue();
            Cover(head.Record);
        }

        ApplyMarkers();
        return true;
    }

    /// <summary>Writes the bookmark the accepted prefix allows into <paramref name="profile"/> (never backwards).</summary>
    public void ApplyTo(Profile profile)
    {
        Dirty = false;
        if (KeyName is null) return;
        if (LastKey is { } key)
        {
            // The session ignored a bookmark on another key; it cannot be advanced, only replaced.
            if (profile.Bookmarks.TryGetValue(Stream, out var other) && other.Key != KeyName) profile.ResetBookmark(Stream);
            profile.AdvanceBookmark(Stream, KeyName, key, _boundary);
        }

        if (profile.Bookmarks.TryGetValue(Stream, out var bookmark) && bookmark.Key == KeyName)
        {
            foreach (var (k, v) in _extras) bookmark.Extra[k] = v;
            if (_recent is not null && bookmark.Value is { } value)
            {
                var since = value - _recentSpan;
                bookmark.Extra[RecentIds.Key] =
                    RecentIds.Encode(_recent.Where(p => p.Value >= since && p.Value <= value));
            }
        }
    }

    private void Cover(Record record)
    {
        Accepted++;
        Dirty = true;
        if (LastKey is not { } last || record.Key > last)
        {
            LastKey = record.Key;
            _boundary.Clear();
            _boundary.Add(record.Id);
        }
        else if (record.Key == last)
        {
            _boundary.Add(record.Id);
        }

        if (_recent is not null)
        {
            _recent[record.Id] = record.Key;
            // Keep the map small during long runs; ApplyTo trims exactly.
            if (_recent.Count > 4096 && LastKey is { } newest)
            {
                foreach (var old in _recent.Where(p => p.Value < newest - _recentSpan).Select(p => p.Key).ToList())
                    _recent.Remove(old);
            }
        }
    }

    private void ApplyMarkers()
    {
        // Every record handed out before the marker has left the pending queue: all were accepted.
        var covered = _emitted - _pending.Count;
        while (_markers.TryPeek(out var marker) && marker.AfterEmitted <= covered)
        {
            _markers.Dequeue();
            _extras[marker.Key] = marker.Value;
            Dirty = true;
        }
    }

    private sealed class Entry(Record record)
    {
        public Record Record { get; } = record;
        public bool Accepted { get; set; }
    }
}
