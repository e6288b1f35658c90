namespace Closeio.Core.Output;

/// <summary>Appends records of one stream to one file.</summary>
public interface IRecordFileWriter : IDisposable
{
    /// <summary>Appends <paramref name="record"/> (buffered until <see cref="Flush"/> or disposal).</summary>
    void Write(Record record);

    /// <summary>
    /// Makes everything written so far durable: flushed to the operating system and to the disk.
    /// The sync engine calls this before every checkpoint so a killed run loses nothing it checkpointed.
    /// </summary>
    void Flush();

    /// <summary>The file's length in bytes when <see cref="Flush"/> last returned (opening flushes too):
    /// everything up to it is on disk. The sync engine records it with each checkpoint.</summary>
    long FlushedLength { get; }

    /// <summary>What opening found, measured against the length recorded at the last checkpoint, and what it did.</summary>
    RecordFileOpening Opening { get; }
}
