namespace Closeio.Core.Streams;

/// <summary>
/// What the module knows about one stream: where Close serves it, how it is replicated, and its
/// minimum schema. Instances are immutable; the built-in ones come from <see cref="StreamCatalog"/>.
/// </summary>
public sealed class StreamDefinition
{
    /// <summary>Replication method of streams whose records can change: re-read what changed since the bookmark.</summary>
    public const string KeyBasedIncremental = "KeyBasedIncremental";

    /// <summary>Replication method of streams read by creation time only (with a look-back window).</summary>
    public const string AppendOnlyIncremental = "AppendOnlyIncremental";

    /// <summary>
    /// Replication method of small tables Close cannot filter by date: read whole and delivered whole on
    /// every run, with no bookmark (<see cref="ReplicationKey"/> is null).
    /// </summary>
    public const string FullTable = "FullTable";

    private readonly IReadOnlyList<StreamField> _fields = [];
    private Dictionary<string, StreamField> _byName = new(StringComparer.Ordinal);

    /// <summary>The stream's name, lower case, as users type it (<c>leads</c>, <c>event_log</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The fields that identify a record (always <c>id</c> for Close).</summary>
    public required IReadOnlyList<string> KeyProperties { get; init; }

    /// <summary><see cref="KeyBasedIncremental"/>, <see cref="AppendOnlyIncremental"/> or <see cref="FullTable"/>.</summary>
    public required string ReplicationMethod { get; init; }

    /// <summary>
    /// The field whose value is the stream's bookmark (<c>date_updated</c> or <c>date_created</c>); null
    /// for a <see cref="FullTable"/> stream, which has no bookmark.
    /// </summary>
    public string? ReplicationKey { get; init; }

    /// <summary>True for a stream read whole on every run, with no bookmark.</summary>
    public bool IsFullTable => ReplicationKey is null;

    /// <summary>Path relative to the API base, ending with '/'. <c>{kind}</c> stands for a custom field kind.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The HTTP method used to list the stream (<c>POST</c> for lead search, otherwise <c>GET</c>).</summary>
    public string HttpMethod { get; init; } = "GET";

    /// <summary>
    /// The page size (<c>_limit</c>) a run asks for unless the request or the profile sets another: the
    /// largest Close is known to serve for the endpoint, or a smaller one where fuller pages cost more
    /// than they save (see each stream's definition).
    /// </summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Query parameters every list request of the stream carries (<c>_type=all</c> for tasks).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ListQuery { get; init; } = [];

    /// <summary>Creates the reader of one run (or one Get-CloseioRecord); a read-whole list by default.</summary>
    internal Func<IStreamReader> CreateReader { get; init; } = static () => new WholeTableReader();

    /// <summary>
    /// For a stream that re-reads a span before its bookmark each run (the event log, whose events can
    /// change after they are first seen): how long that span is under the run's tuning. The ids
    /// delivered within it are kept with the bookmark, so a re-read delivers only what changed. Null: none.
    /// </summary>
    internal Func<Sync.SyncTuning, TimeSpan>? RescanSpan { get; init; }

    /// <summary>
    /// True for the stream whose records are the custom field definitions: a run charges the reads of
    /// custom fields to it (when it runs) and pages them with its page size, since every stream that
    /// carries custom values shares them.
    /// </summary>
    public bool ServesCustomFieldDefinitions { get; init; }

    /// <summary>The schema fields in column order: the key, the replication key, then the rest.</summary>
    public required IReadOnlyList<StreamField> Fields
    {
        get => _fields;
        init
        {
            _fields = value;
            _byName = value.ToDictionary(f => f.Name, StringComparer.Ordinal);
        }
    }

    /// <summary>Custom field kinds whose fields appear as columns of this stream (empty for most).</summary>
    public IReadOnlyList<string> CustomFieldKinds { get; init; } = [];

    /// <summary>
    /// Custom field kinds a sync of this stream reads (one request or more each): its columns' kinds, and
    /// the kinds of values nested in its records (a lead's contacts and opportunities), whose datetime
    /// values are normalized and whose keys are named. Empty: the stream reads no custom fields.
    /// </summary>
    public IReadOnlyList<string> CustomFieldKindsRead { get; init; } = [];

    /// <summary>
    /// False for a stream a sync without <c>-Stream</c> leaves out because it repeats another (a
    /// per-type activity stream beside <c>activities</c>): users name it to get it.
    /// </summary>
    public bool SyncedByDefault { get; init; } = true;

    /// <summary>The PowerShell type name records of this stream carry (<c>Closeio.Lead</c>).</summary>
    public required string TypeName { get; init; }

    /// <summary>A short description of what the stream holds.</summary>
    public string Description { get; init; } = "";

    /// <summary>The schema field called <paramref name="name"/> (exact spelling), or null.</summary>
    public StreamField? FindField(string name) => _byName.GetValueOrDefault(name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
