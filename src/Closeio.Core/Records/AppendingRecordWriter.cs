namespace Closeio.Core.Records;

/// <summary>
/// What the CSV and JSON Lines writers share: the file, opened for appending while others may read
/// it and closed again if the writer cannot be set up; a durable <see cref="Flush"/>; and a
/// <see cref="Dispose"/> that flushes once. Each format repairs the tail a killed run left in its own way.
/// </summary>
internal abstract class AppendingRecordWriter : IRecordFileWriter
{
    private protected AppendingRecordWriter(FileStream file) => File = file;

    /// <summary>The file written.</summary>
    private protected FileStream File { get; }

    /// <summary>True once disposed.</summary>
    private protected bool Disposed { get; private set; }

    /// <summary>Opens <paramref name="path"/> and builds the writer on it; the file is closed if that fails.</summary>
    private protected static T Open<T>(string path, Func<FileStream, T> create) where T : AppendingRecordWriter
    {
        var file = RecordFileWriter.OpenShared(path);
        try
        {
            return create(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public abstract void Write(Record record);

    /// <summary>Writes the buffered records to the file and the file to disk.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        FlushBuffer();
        File.Flush(flushToDisk: true);
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
