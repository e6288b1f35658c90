namespace Closeio.Core.Sync;

/// <summary>What one sync run should do. Values left null fall back to the profile's settings, then to defaults.</summary>
public sealed class SyncRequest
{
    /// <summary>
    /// The streams to sync, by name (any case); defaults to every stream a sync reads unnamed
    /// (<see cref="StreamCatalog.DefaultNames"/>), as Sync-CloseioStream without -Stream does.
    /// </summary>
    public IReadOnlyList<string> Streams { get; init; } = StreamCatalog.DefaultNames;

    /// <summary>Where a stream without a bookmark starts; null = the profile's, else one year before now.</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>The longest look-back accepted (3650 days): longer reaches past any Close data, and past what
    /// a date can hold; to read everything again, reset the bookmark instead.</summary>
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(3650);

    /// <summary>How far before the bookmark the activities stream re-reads; null = the profile's (24 h by default).
    /// Between zero and <see cref="MaxLookBack"/>.</summary>
    public TimeSpan? LookBack { get; init; }

    /// <summary>Fields to ask Close for (sent as <c>_fields</c>); null = all schema fields. <c>id</c> and the replication key are always added.</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>
    /// False (-WhatIf) reads and delivers but never writes the profile. With <see cref="OutputDirectory"/>
    /// the files are still written, but their lengths are not recorded (a warning says so), so the next
    /// run that saves bookmarks cuts those rows off again and writes them anew.
    /// </summary>
    public bool SaveBookmarks { get; init; } = true;

    /// <summary>How many streams are fetched at the same time (at least 1).</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>
    /// When set together with <see cref="Format"/>, the session writes each stream to
    /// <c>&lt;dir&gt;/&lt;stream&gt;.csv|.jsonl</c> itself and its events carry no records.
    /// </summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The file format used with <see cref="OutputDirectory"/>.</summary>
    public RecordFileFormat? Format { get; init; }

    /// <summary>Limits and sizes that tests and unusual organizations may need to change.</summary>
    public SyncTuning Tuning { get; init; } = new();

    /// <summary>
    /// The streams the profile's <c>settings.streams</c> names, for a run that names none; null when it names
    /// none. A name that is not a stream is refused with a message that says it came from the profile.
    /// </summary>
    /// <exception cref="ArgumentException">The profile lists a name that is not a Close stream.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read.</exception>
    public static IReadOnlyList<string>? StreamsSavedIn(ProfileStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Load().Settings.Streams is not { Count: > 0 } saved) return null;
        var unknown = saved.Where(n => !StreamCatalog.TryGet(n, out _)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"The profile '{store.Path}' lists {string.Join(", ", unknown.Select(n => $"'{n}'"))} in settings.streams, " +
                $"which {(unknown.Count == 1 ? "is not a Close stream" : "are not Close streams")}. Valid streams: " +
                $"{string.Join(", ", StreamCatalog.Names)}. Correct settings.streams in that file, or name the streams " +
                "to sync (-Stream).");
        }

        return saved;
    }

    /// <summary>Refuses a look-back outside 0 .. <see cref="MaxLookBack"/>, saying where it came from.</summary>
    internal static void CheckLookBack(TimeSpan lookBack, string source)
    {
        if (lookBack < TimeSpan.Zero || lookBack > MaxLookBack)
        {
            throw new ArgumentException(
                $"{source} must be between 0 and {MaxLookBack.TotalDays:0} days, not {lookBack}. A look-back only re-reads " +
                "recent changes before the bookmark; to read a stream again from its start date, reset its bookmark " +
                "(Reset-CloseioState) or set it earlier (Set-CloseioState).", nameof(LookBack));
        }
    }
}
