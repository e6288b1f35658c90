namespace Closeio.Core.Output;

/// <summary>
/// Appends records to a CSV file: RFC 4180 quoting, CRLF line ends, UTF-8 without BOM, and one
/// header line written only when the file is new or empty.
/// </summary>
internal sealed class CsvRecordWriter : AppendingRecordWriter
{
    private const int MaxHeaderBytes = 4 * 1024 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _path;
    private readonly string[] _columns;
    private readonly StreamWriter _text;
    private readonly StringBuilder _line = new();
    private RecordColumns? _lastColumns;
    private int[] _positions = [];

    private CsvRecordWriter(string path, string[] columns, FileStream file)
        : base(file)
    {
        _path = path;
        _columns = columns;
        _text = new StreamWriter(file, Utf8, bufferSize: 64 * 1024) { NewLine = "\r\n", AutoFlush = false };
    }

    public static CsvRecordWriter Open(string path, IReadOnlyList<string> columns, long? checkpointedLength) =>
        Open(path, checkpointedLength, file => new CsvRecordWriter(path, columns.ToArray(), file));

    private protected override void Start()
    {
        // The header is checked before anything is cut: a file with other columns is left untouched.
        if (File.Length > 0)
        {
            var header = ReadHeader();
            if (!header.SequenceEqual(_columns, StringComparer.Ordinal))
                throw new RecordFileColumnsException(_path, header, _columns);
        }

        ApplyCut();
        if (File.Length == 0)
        {
            WriteLine(_columns);
            return;
        }

        // A last line without its end (a run killed mid-write with no length recorded, or a file
        // edited since) gets one: appending starts on a fresh line.
        File.Seek(-1, SeekOrigin.End);
        var last = File.ReadByte();
        File.Seek(0, SeekOrigin.End);
        if (last != '\n' && last != '\r')
            _text.Write("\r\n");
    }

    private List<string> ReadHeader()
    {
        File.Seek(0, SeekOrigin.Begin);
        var buffer = new byte[(int)Math.Min(File.Length, MaxHeaderBytes)];
        File.ReadExactly(buffer);
        var text = Utf8.GetString(buffer).TrimStart('\uFEFF');
        // A header without a line end is the whole file (for instance, only the header was written).
        var header = CsvText.ReadFirstRecord(text) ?? CsvText.ReadFirstRecord(text + "\n");
        return header!.Value.Fields;
    }

    public override void Write(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(Disposed, this);
        var positions = PositionsFor(record);
        _line.Clear();
        for (var i = 0; i < positions.Length; i++)
        {
            if (i > 0)
                _line.Append(',');
            CsvText.AppendField(_line, RecordText.ToText(record.ValueAt(positions[i])));
        }

        _text.Write(_line);
        _text.Write("\r\n");
    }

    /// <summary>Where each file column sits in the record; cached per shaper, since its records share columns.</summary>
    private int[] PositionsFor(Record record)
    {
        if (ReferenceEquals(record.Columns, _lastColumns))
            return _positions;

        var positions = new int[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            positions[i] = record.Columns.IndexOf(_columns[i]);
            if (positions[i] < 0)
                throw new InvalidOperationException(
                    $"A {record.Stream} record has no column '{_columns[i]}', which '{_path}' expects.");
        }

        if (record.Count != _columns.Length)
            throw new InvalidOperationException(
                $"A {record.Stream} record has columns that '{_path}' does not: " +
                string.Join(", ", record.Names.Except(_columns, StringComparer.Ordinal)) + ".");

        _lastColumns = record.Columns;
        _positions = positions;
        return positions;
    }

    private void WriteLine(IEnumerable<string> fields)
    {
        _line.Clear();
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
                _line.Append(',');
            first = false;
            CsvText.AppendField(_line, field);
        }

        _text.Write(_line);
        _text.Write("\r\n");
    }

    private protected override void FlushBuffer() => _text.Flush();

    private protected override void DisposeBuffer() => _text.Dispose();
}
