using Closeio.Core.Records;
using Closeio.Core.Streams;

namespace Closeio.Core.Sync;

/// <summary>What one sync run should do. Values left null fall back to the profile's settings, then to defaults.</summary>
public sealed class SyncRequest
{
    /// <summary>The streams to sync, by name (any case); defaults to every stream.</summary>
    public IReadOnlyList<string> Streams { get; init; } = StreamCatalog.Names;

    /// <summary>Where a stream without a bookmark starts; null = the profile's, else one year before now.</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>How far before the bookmark the activities stream re-reads; null = the profile's (24 h by default).</summary>
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
}
