using System.Buffers;

namespace Closeio.Core.Output;

/// <summary>
/// Appends records to a JSON Lines file: one compact JSON object per line, columns in order,
/// timestamps in canonical text, lists and maps as nested JSON.
/// </summary>
internal sealed class JsonLinesRecordWriter : AppendingRecordWriter
{
    private readonly BufferedStream _out;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    private JsonLinesRecordWriter(FileStream file)
        : base(file)
    {
        _out = new BufferedStream(file, 64 * 1024);
        _json = new Utf8JsonWriter(_buffer, RecordJson.WriterOptions);
    }

    /// <summary>Opens the file; <paramref name="columns"/> is not needed, as every line names its own fields.</summary>
    public static JsonLinesRecordWriter Open(string path, IReadOnlyList<string> columns, long? checkpointedLength)
    {
        _ = columns;
        return Open(path, checkpointedLength, file => new JsonLinesRecordWriter(file));
    }

    private protected override void Start()
    {
        ApplyCut();
        if (RepairTail)
            DropUnfinishedLastLine(File);
        else
            EndLastLine(File);
        File.Seek(0, SeekOrigin.End);
    }

    /// <summary>A file measured against its checkpoint is never cut here; at most its last line gets an end.</summary>
    private static void EndLastLine(FileStream file)
    {
        if (file.Length == 0)
            return;
        file.Seek(-1, SeekOrigin.End);
        if (file.ReadByte() != '\n')
            file.WriteByte((byte)'\n');
    }

    /// <summary>
    /// A run killed mid-write can leave a last line cut short. It is not valid JSON, and its record
    /// was never checkpointed (it will come again), so it is removed. A complete object that merely
    /// lacks its line end is kept and given one.
    /// </summary>
    private static void DropUnfinishedLastLine(FileStream file)
    {
        if (file.Length == 0)
            return;
        var end = file.Length;
        var lineStart = FindLastLineStart(file);
        if (lineStart == end)
            return;

        var tail = new byte[end - lineStart];
        file.Seek(lineStart, SeekOrigin.Begin);
        file.ReadExactly(tail);
        if (IsJson(tail))
        {
            file.Seek(0, SeekOrigin.End);
            file.WriteByte((byte)'\n');
        }
        else
        {
            file.SetLength(lineStart);
        }
    }

    /// <summary>The offset just after the last '\n' (0 when there is none).</summary>
    private static long FindLastLineStart(FileStream file)
    {
        var chunk = new byte[64 * 1024];
        var position = file.Length;
        while (position > 0)
        {
            var size = (int)Math.Min(chunk.Length, position);
            position -= size;
            file.Seek(position, SeekOrigin.Begin);
            file.ReadExactly(chunk, 0, size);
            var newline = chunk.AsSpan(0, size).LastIndexOf((byte)'\n');
            if (newline >= 0)
                return position + newline + 1;
        }

        return 0;
    }

    private static bool IsJson(byte[] text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public override void Write(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(Disposed, this);
        _buffer.ResetWrittenCount();
        _json.Reset();
        RecordJson.WriteValue(_json, record);
        _json.Flush();
        _out.Write(_buffer.WrittenSpan);
        _out.WriteByte((byte)'\n');
    }

    private protected override void FlushBuffer() => _out.Flush();

    private protected override void DisposeBuffer()
    {
        _json.Dispose();
        _out.Dispose();
    }
}
