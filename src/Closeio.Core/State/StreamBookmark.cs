namespace Closeio.Core.State;

/// <summary>
/// One stream's bookmark: the value of its replication key up to which every record has been delivered.
/// In the profile file it is written in Singer's shape, <c>{"date_updated": "2024-...Z", ...}</c>.
/// </summary>
public sealed class StreamBookmark
{
    /// <summary>
    /// How far past now a bookmark may lie before it counts as in the future (5 minutes): room for a local clock
    /// a little behind Close's, while a bookmark further ahead would make every run read nothing until then.
    /// </summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

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

    /// <summary>True when <see cref="Value"/> lies later than <paramref name="now"/> plus <see cref="FutureTolerance"/>.</summary>
    public bool IsInFuture(DateTimeOffset now) => Value is { } v && IsFuture(v, now);

    /// <summary>True when <paramref name="value"/> lies later than <paramref name="now"/> plus <see cref="FutureTolerance"/>.</summary>
    public static bool IsFuture(DateTimeOffset value, DateTimeOffset now) => value > now + FutureTolerance;

    /// <summary>Other fields of the bookmark object, kept as text so that a round trip preserves them.</summary>
    public Dictionary<string, string> Extra { get; set; } = new(StringComparer.Ordinal);
}
