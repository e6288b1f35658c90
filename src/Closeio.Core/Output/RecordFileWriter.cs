namespace Closeio.Core.Output;

/// <summary>Opens record files for appending, in the format asked for.</summary>
public static class RecordFileWriter
{
    /// <summary>
    /// Opens <paramref name="path"/> for appending records (creating it and its directory when
    /// missing). Other processes may read the file while it is open.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="format">CSV (a header line, written once) or JSON Lines.</param>
    /// <param name="columns">The columns of the records that will be written (a shaper's <see cref="RecordShaper.Columns"/>).</param>
    /// <exception cref="RecordFileColumnsException">A CSV file exists with a different header.</exception>
    public static IRecordFileWriter Open(string path, RecordFileFormat format, IReadOnlyList<string> columns) =>
        Open(path, format, columns, checkpointedLength: null);

    /// <summary>
    /// Opens <paramref name="path"/> for appending, measured against the length recorded at the last
    /// checkpoint: a longer file is cut back to it (what follows was written after the checkpoint, and
    /// its records come again from the bookmark); a shorter or missing one is not cut, and appended to
    /// (a new CSV file gets its header); with no length recorded the last line is repaired instead (CSV
    /// starts a fresh line, JSON Lines drops a cut-short last line). <see cref="IRecordFileWriter.Opening"/>
    /// says which happened.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="format">CSV (a header line, written once) or JSON Lines.</param>
    /// <param name="columns">The columns of the records that will be written.</param>
    /// <param name="checkpointedLength">The file's length at the last checkpoint (<see cref="IRecordFileWriter.FlushedLength"/>), or null when none was recorded.</param>
    /// <exception cref="RecordFileColumnsException">A CSV file exists with a different header (it is left untouched).</exception>
    public static IRecordFileWriter Open(string path, RecordFileFormat format, IReadOnlyList<string> columns,
        long? checkpointedLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);

        return format switch
        {
            RecordFileFormat.Csv => CsvRecordWriter.Open(full, columns, checkpointedLength),
            RecordFileFormat.JsonLines => JsonLinesRecordWriter.Open(full, columns, checkpointedLength),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown record file format."),
        };
    }

    /// <summary>Opens for reading the existing content and appending, letting others read meanwhile.</summary>
    internal static FileStream OpenShared(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1, FileOptions.None);
}
