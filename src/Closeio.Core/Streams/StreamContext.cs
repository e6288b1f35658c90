namespace Closeio.Core.Streams;

/// <summary>
/// Everything one stream reader needs for one run: where to read from, the fixed window bounds, how
/// records are shaped, and where they go. Built by the sync session; readers never see the profile.
/// </summary>
internal sealed class StreamContext
{
    public required StreamDefinition Definition { get; init; }
    public required CloseClient Client { get; init; }
    public required RequestCounters Counters { get; init; }

    /// <summary>
    /// The organization of the connected identity (from <c>me/</c>), for streams served under it
    /// (<c>organization/{id}/</c>); null when the connection does not know it.
    /// </summary>
    public string? OrganizationId { get; init; }

    /// <summary>Shapes this stream's objects (columns fixed for the run).</summary>
    public required RecordShaper Shaper { get; init; }

    /// <summary>The custom field definitions of the kinds the stream reads, resolved once per run.</summary>
    public IReadOnlyList<CustomFieldDefinition> CustomFields => CustomFieldSet?.Definitions ?? [];

    /// <summary>The custom fields of the kinds <see cref="StreamDefinition.CustomFieldKindsRead"/> names, as read; null when it names none.</summary>
    public CustomFieldSet? CustomFieldSet { get; init; }

    /// <summary>The bookmark as the run found it (a copy); null when the stream has none.</summary>
    public StreamBookmark? Bookmark { get; init; }

    /// <summary>Where a stream without a bookmark starts (users and custom fields, read whole, deliver everything instead).</summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>Exclusive upper bound of every window of the run, taken when the run started.</summary>
    public required DateTimeOffset UpperBound { get; init; }

    /// <summary>
    /// Where this run's edits are known up to, for the activities watermark: the upper bound less the
    /// <c>Date</c> header's 1-second resolution, or less <see cref="Sync.SyncTuning.LocalClockMargin"/>
    /// when the upper bound came from the local clock. Defaults to the upper bound less 1 s.
    /// </summary>
    public DateTimeOffset? Watermark { get; init; }

    public required Sync.SyncTuning Tuning { get; init; }

    public required TimeSpan LookBack { get; init; }

    /// <summary>The page size (<c>_limit</c>) for this stream.</summary>
    public required int PageSize { get; init; }

    /// <summary>Hands a batch of records, already in ascending (key, id) order, to the session.</summary>
    public required Func<IReadOnlyList<Record>, CancellationToken, ValueTask> Emit { get; init; }

    /// <summary>Reports a warning to the consumer.</summary>
    public required Action<string> Warn { get; init; }

    /// <summary>Reports progress to the consumer.</summary>
    public required Action<string> Progress { get; init; }

    /// <summary>Reports a note for the run's log (a <c>LogEvent</c>); nothing by default.</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Records a value the session keeps in the bookmark's Extra once the records before it are accepted.</summary>
    public required Action<string, string> SetExtraWhenAccepted { get; init; }

    /// <summary>Where the run starts reading when it has no look-back: the bookmark, else the start date.</summary>
    public DateTimeOffset ResumeFrom => Bookmark?.Value is { } b ? b : StartDate;

    /// <summary>The <c>_fields</c> list for GET endpoints, or null for all fields.</summary>
    public string? FieldsParameter => FieldsWith();

    /// <summary>
    /// The <c>_fields</c> list with fields the reader itself needs added (e.g. the activities'
    /// <c>date_updated</c> for the watermark), or null when all fields are asked for anyway.
    /// </summary>
    public string? FieldsWith(params string[] needed) =>
        Shaper.ServerFields is { Count: > 0 } fields ? string.Join(',', fields.Concat(needed).Distinct(StringComparer.Ordinal)) : null;

    /// <summary>Reads a timestamp property of a raw object; null when it is absent or unreadable.</summary>
    public static DateTimeOffset? ReadTime(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) &&
        v.ValueKind == JsonValueKind.String && CloseTimestamp.TryParse(v.GetString(), out var t)
            ? t
            : null;
}
