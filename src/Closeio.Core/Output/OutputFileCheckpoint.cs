namespace Closeio.Core.Output;

/// <summary>
/// The file a stream is written to, as its bookmark records it at each checkpoint: path, format and the
/// length flushed to disk before the profile was saved. Saved with the bookmark in one write, so the
/// next run knows which bytes the bookmark covers and cuts off the rest a killed run left.
/// </summary>
internal static class OutputFileCheckpoint
{
    public const string PathKey = "output_file";
    public const string LengthKey = "output_file_length";
    public const string FormatKey = "output_file_format";

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The length <paramref name="bookmark"/> recorded for this very file, or null (none, or another file).</summary>
    public static long? RecordedLength(StreamBookmark? bookmark, string path, RecordFileFormat format)
    {
        if (bookmark is null ||
            !bookmark.Extra.TryGetValue(PathKey, out var recordedPath) ||
            !string.Equals(recordedPath, path, PathComparison) ||
            !bookmark.Extra.TryGetValue(FormatKey, out var recordedFormat) || recordedFormat != Name(format) ||
            !bookmark.Extra.TryGetValue(LengthKey, out var text) ||
            !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return null;
        }

        return length;
    }

    /// <summary>
    /// Records the file's flushed length in <paramref name="stream"/>'s bookmark, creating a bookmark
    /// without a value when the stream has none yet (so a first run killed before its first record was
    /// checkpointed is cut back too). A bookmark on another key is left alone until it is replaced.
    /// </summary>
    public static void Record(Profile profile, string stream, string keyName, string path, RecordFileFormat format, long length)
    {
        if (!profile.Bookmarks.TryGetValue(stream, out var bookmark))
        {
            bookmark = new StreamBookmark(keyName);
            profile.Bookmarks[stream] = bookmark;
        }
        else if (bookmark.Key != keyName)
        {
            return;
        }

        bookmark.Extra[PathKey] = path;
        bookmark.Extra[FormatKey] = Name(format);
        bookmark.Extra[LengthKey] = length.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>What to tell the user about how the file was found; null when there is nothing to say.</summary>
    public static SyncEvent? Describe(string stream, RecordFileOpening o, RecordFileFormat format)
    {
        var recorded = o.CheckpointedLength ?? 0;
        return o.Resume switch
        {
            RecordFileResume.CutBack => new WarningEvent(
                $"{stream}: '{o.Path}' was {o.FoundLength} bytes long, {o.FoundLength - recorded} more than at the last checkpoint " +
                "(a run was killed after writing them and before recording them). They were cut off; their records are read again from the bookmark."),
            RecordFileResume.Shorter => new WarningEvent(
                $"{stream}: '{o.Path}' is {o.FoundLength} bytes long, shorter than the {recorded} bytes recorded at the last checkpoint, " +
                "so it was edited or replaced since. It is not cut: new records are appended after what it holds, and records synced before are not written again."),
            RecordFileResume.Missing => new WarningEvent(
                $"{stream}: '{o.Path}' is missing; it held {recorded} bytes at the last checkpoint, so it was moved or deleted. " +
                $"A new file is started{(format == RecordFileFormat.Csv ? " with its header" : "")}; records synced before are not written again " +
                "(reset the stream's bookmark to write them all)."),
            RecordFileResume.Changed => new WarningEvent(
                $"{stream}: '{o.Path}' is longer than the {recorded} bytes recorded at the last checkpoint, but no line ends there, " +
                "so it was changed since. It is not cut; its last line was checked instead."),
            RecordFileResume.Unrecorded when o.FoundLength > 0 => new LogEvent(
                $"{stream}: no checkpointed length of '{o.Path}' is recorded (it was written by an older version or with another " +
                "profile or directory); its last line was checked instead."),
            _ => null,
        };
    }

    private static string Name(RecordFileFormat format) => format == RecordFileFormat.Csv ? "csv" : "jsonl";
}
