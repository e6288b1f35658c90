namespace Closeio.Core.State;

/// <summary>
/// One stream's bookmark: the value of its replication key up to which every record has been delivered.
/// In the profile file it is written in Singer's shape, <c>{"date_updated": "2024-...Z", ...}</c>.
/// </summary>
public sealed class StreamBookmark
{
    /// <summary>Creates a bookmark for the replication key <paramref name="key"/> (for example <c>date_updated</c>).</summary>
    public StreamBookmark(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
    }

    /// <summary>The replication key's name, e.g. <c>date_updated</c> or <c>date_created</c>.</summary>
    public string Key { get; }

    /// <summary>The replication-key value reached, in UTC; null when nothing has been delivered yet.</summary>
    public DateTimeOffset? Value { get; set; }

    /// <summary>
    /// Ids of the records already delivered whose key equals <see cref="Value"/> exactly, so that the next
    /// run, which starts at <see cref="Value"/> inclusive, can skip them.
    /// </summary>
    public List<string> BoundaryIds { get; set; } = [];

    /// <summary>Other fields of the bookmark object, kept as text so that a round trip preserves them.</summary>
    public Dictionary<string, string> Extra { get; set; } = new(StringComparer.Ordinal);
}
