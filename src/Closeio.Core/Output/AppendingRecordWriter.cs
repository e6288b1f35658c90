namespace Closeio.Core.Output;

/// <summary>
/// What the CSV and JSON Lines writers share: the file, opened for appending while others may read
/// it and closed again if the writer cannot be set up; a durable <see cref="Flush"/>; and a
/// <see cref="Dispose"/> that flushes once. Opening measures the file against the length recorded at
/// the last checkpoint (<see cref="RecordFileOpening"/>): bytes past it are cut off; with no length
/// recorded, each format repairs the tail a killed run left in its own way.
/// </summary>
internal abstract class AppendingRecordWriter : IRecordFileWriter
{
    private protected AppendingRecordWriter(FileStream file) => File = file;

    /// <summary>The file written.</summary>
    private protected FileStream File { get; }

    /// <summary>True once disposed.</summary>
    private protected bool Disposed { get; private set; }

    /// <summary>What opening found and did.</summary>
    public RecordFileOpening Opening { get; private set; } = null!;

    /// <inheritdoc />
    public long FlushedLength { get; private set; }

    /// <summary>Where to cut the file (the checkpointed length), once the format checked what it must first.</summary>
    private protected long? CutTo { get; private set; }

    /// <summary>True when no trustworthy length was recorded, so the format's own tail repair applies.</summary>
    private protected bool RepairTail => Opening.Resume is RecordFileResume.Unrecorded or RecordFileResume.Changed;

    /// <summary>
    /// Opens <paramref name="path"/>, plans what to do against <paramref name="checkpointedLength"/>, builds
    /// the writer on it (which calls <see cref="ApplyCut"/> when ready) and makes the result durable; the
    /// file is closed if that fails.
    /// </summary>
    private protected static T Open<T>(string path, long? checkpointedLength, Func<FileStream, T> create)
        where T : AppendingRecordWriter
    {
        var existed = System.IO.File.Exists(path);
        var file = RecordFileWriter.OpenShared(path);
        try
        {
            var found = file.Length;
            var (resume, cutTo) = RecordFileOpening.Plan(existed, found, checkpointedLength, at =>
            {
                file.Seek(at - 1, SeekOrigin.Begin);
                return file.ReadByte();
            });
            file.Seek(0, SeekOrigin.Begin);
            var opening = new RecordFileOpening(path, resume, found, checkpointedLength);
            var writer = create(file);
            writer.Opening = opening;
            writer.CutTo = cutTo;
            writer.Start();
            writer.Flush();
            return writer;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Checks the file and readies its tail for appending (calling <see cref="ApplyCut"/>).</summary>
    private protected abstract void Start();

    /// <summary>Cuts the file back to the checkpointed length, when that was planned.</summary>
    private protected void ApplyCut()
    {
        if (CutTo is { } length && File.Length > length)
            File.SetLength(length);
        File.Seek(0, SeekOrigin.End);
    }

    /// <inheritdoc />
    public abstract void Write(Record record);

    /// <summary>Writes the buffered records to the file and the file to disk.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        FlushBuffer();
        File.Flush(flushToDisk: true);
        FlushedLength = File.Length;
    }

    /// <summary>Flushes, then closes the file.</summary>
    public void Dispose()
    {
        if (Disposed)
            return;
        try
        {
            Flush();
        }
        finally
        {
            Disposed = true;
            DisposeBuffer();
            File.Dispose();
        }
    }

    /// <summary>Hands what the writer buffered to <see cref="File"/>.</summary>
    private protected abstract void FlushBuffer();

    /// <summary>Releases the writer's buffers (not <see cref="File"/>).</summary>
    private protected abstract void DisposeBuffer();
}
