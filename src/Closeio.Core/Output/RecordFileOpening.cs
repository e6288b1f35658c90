namespace Closeio.Core.Output;

/// <summary>What opening a record file found, measured against the length recorded at the last checkpoint.</summary>
public enum RecordFileResume
{
    /// <summary>No length was recorded (a file written by an older version, or to another directory): its last line was checked and repaired instead.</summary>
    Unrecorded,

    /// <summary>The file is as long as recorded: appended to as it is.</summary>
    Intact,

    /// <summary>The file was longer: the bytes after the recorded length were never checkpointed and were cut off.</summary>
    CutBack,

    /// <summary>The file is shorter than recorded (edited or replaced): not cut, appended to on a new line.</summary>
    Shorter,

    /// <summary>The file is gone though a length was recorded (moved or deleted): a new file was started.</summary>
    Missing,

    /// <summary>The file is longer but no line ends at the recorded length, so it was changed since: not cut; its last line was checked instead.</summary>
    Changed,
}

/// <summary>How a record file was found when it was opened for appending.</summary>
/// <param name="Path">The file (full path).</param>
/// <param name="Resume">What was found and done.</param>
/// <param name="FoundLength">Its length in bytes before anything was done (0 when missing).</param>
/// <param name="CheckpointedLength">The length recorded at the last checkpoint, when one was.</param>
public sealed record RecordFileOpening(string Path, RecordFileResume Resume, long FoundLength, long? CheckpointedLength)
{
    /// <summary>Decides what to do with a file given the length recorded at the last checkpoint.</summary>
    /// <param name="existed">Whether the file was there before it was opened.</param>
    /// <param name="found">Its length in bytes.</param>
    /// <param name="checkpointed">The recorded length, or null.</param>
    /// <param name="lastByteBeforeCut">Reads the byte just before the recorded length (only asked when the file is longer).</param>
    internal static (RecordFileResume Resume, long? CutTo) Plan(bool existed, long found, long? checkpointed, Func<long, int> lastByteBeforeCut)
    {
        if (checkpointed is not { } recorded || recorded < 0) return (RecordFileResume.Unrecorded, null);
        if (found == recorded) return (RecordFileResume.Intact, null);
        if (found < recorded) return (existed ? RecordFileResume.Shorter : RecordFileResume.Missing, null);
        // Every checkpoint ends after a whole record, so a line ends right before the recorded length;
        // when none does, this is not the file that was checkpointed, and cutting it could tear a row.
        return recorded == 0 || lastByteBeforeCut(recorded) == '\n'
            ? (RecordFileResume.CutBack, recorded)
            : (RecordFileResume.Changed, null);
    }
}
