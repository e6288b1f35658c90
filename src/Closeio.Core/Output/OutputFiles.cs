namespace Closeio.Core.Output;

/// <summary>
/// The files of one file-mode run (<c>Sync-CloseioStream -OutputDirectory</c>): one per stream, all
/// claimed for the profile before anything is read, each opened against the length its bookmark
/// recorded, and each length saved with its bookmark at every checkpoint, so a file never holds a
/// record its bookmark does not cover. A full-table stream has no bookmark: its file is written
/// afresh on every run, and holds the table as the last run read it. Not thread-safe: the session
/// serialises calls.
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly Dictionary<string, OutputFileClaim> _claims;
    private readonly Dictionary<string, IRecordFileWriter> _writers = new(StringComparer.Ordinal);
    private readonly string _profilePath;

    private OutputFiles(Dictionary<string, OutputFileClaim> claims, RecordFileFormat format, string profilePath)
    {
        _claims = claims;
        Format = format;
        _profilePath = profilePath;
    }

    /// <summary>The format of every file.</summary>
    public RecordFileFormat Format { get; }

    /// <summary>
    /// Claims the file of every stream in <paramref name="directory"/> for the profile at
    /// <paramref name="profilePath"/>, creating the directory; releases what it claimed if one fails.
    /// </summary>
    /// <exception cref="OutputFileOwnedException">Another profile owns one of the files.</exception>
    public static OutputFiles Claim(string directory, RecordFileFormat format, IEnumerable<StreamDefinition> streams,
        string profilePath, TimeSpan wait, TimeProvider time)
    {
        Directory.CreateDirectory(directory);
        var claims = new Dictionary<string, OutputFileClaim>(StringComparer.Ordinal);
        try
        {
            foreach (var stream in streams)
                claims[stream.Name] = OutputFileClaim.Acquire(PathOf(directory, stream.Name, format), profilePath, wait, time);
        }
        catch
        {
            foreach (var claim in claims.Values) claim.Dispose();
            throw;
        }

        return new OutputFiles(claims, format, profilePath);
    }

    /// <summary>
    /// Opens <paramref name="stream"/>'s file for the records <paramref name="shaper"/> makes. Bytes past the
    /// length <paramref name="bookmark"/> recorded were never checkpointed: they are cut off, and their
    /// records come again from the bookmark. Returns what the consumer should hear about the opening.
    /// </summary>
    public IReadOnlyList<SyncEvent> Open(StreamDefinition stream, RecordShaper shaper, StreamBookmark? bookmark)
    {
        var events = new List<SyncEvent>();
        var claim = _claims[stream.Name];
        var path = claim.FilePath;
        var recorded = stream.IsFullTable ? 0 : OutputFileCheckpoint.RecordedLength(bookmark, path, Format);
        if (claim.TookOver && recorded is null)
        {
            events.Add(new WarningEvent(
                $"{stream.Name}: '{path}' already held data but no owner note; it now belongs to the profile '{_profilePath}' " +
                $"(noted in '{OutputFileClaim.OwnerPathOf(path)}'), and other profiles will not write it."));
        }

        var writer = RecordFileWriter.Open(path, Format, shaper.Columns, recorded);
        _writers[stream.Name] = writer;
        if (!stream.IsFullTable && OutputFileCheckpoint.Describe(stream.Name, writer.Opening, Format) is { } note) events.Add(note);
        return events;
    }

    /// <summary>Appends <paramref name="record"/> to its stream's file.</summary>
    public void Write(Record record) => _writers[record.Stream].Write(record);

    /// <summary>Flushes every open file, so the lengths <see cref="RecordLengths"/> saves are on disk.</summary>
    public void Flush()
    {
        foreach (var writer in _writers.Values) writer.Flush();
    }

    /// <summary>Saves each open file's flushed length with its stream's bookmark in <paramref name="profile"/>.</summary>
    public void RecordLengths(Profile profile, IEnumerable<(StreamDefinition Stream, string? KeyName)> streams)
    {
        foreach (var (stream, keyName) in streams)
        {
            if (keyName is null || !_writers.TryGetValue(stream.Name, out var writer)) continue;
            OutputFileCheckpoint.Record(profile, stream.Name, keyName, _claims[stream.Name].FilePath, Format, writer.FlushedLength);
        }
    }

    /// <summary>Closes the files and releases the claims.</summary>
    public void Dispose()
    {
        foreach (var writer in _writers.Values) writer.Dispose();
        foreach (var claim in _claims.Values) claim.Dispose();
        _writers.Clear();
    }

    /// <summary>The file a stream is written to in <paramref name="directory"/> (full path, links resolved).</summary>
    private static string PathOf(string directory, string stream, RecordFileFormat format) =>
        FileLinks.Resolve(Path.Combine(directory, stream + (format == RecordFileFormat.Csv ? ".csv" : ".jsonl")));
}
