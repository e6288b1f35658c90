using System.Collections;

namespace Closeio.Core.Records;

/// <summary>
/// One object of a stream, with exactly its shaper's columns in order. Values are null, string,
/// long, double, decimal, bool, <see cref="RecordList"/> or <see cref="RecordMap"/>; timestamps are
/// canonical text (<see cref="CloseTimestamp.Format"/>).
/// </summary>
public sealed class Record : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly RecordColumns _columns;
    private readonly object?[] _values;

    internal Record(string stream, string id, DateTimeOffset key, RecordColumns columns, object?[] values)
    {
        if (values.Length != columns.Count)
            throw new ArgumentException("A record needs one value per column.", nameof(values));
        Stream = stream;
        Id = id;
        Key = key;
        _columns = columns;
        _values = values;
    }

    /// <summary>The stream the record belongs to (<c>leads</c>).</summary>
    public string Stream { get; }

    /// <summary>Close's id of the record.</summary>
    public string Id { get; }

    /// <summary>The value of the stream's replication key, in UTC.</summary>
    public DateTimeOffset Key { get; }

    /// <summary>The column names, in order (shared by every record of the same shaper).</summary>
    public IReadOnlyList<string> Names => _columns.ReadOnlyNames;

    /// <summary>The number of columns.</summary>
    public int Count => _values.Length;

    internal RecordColumns Columns => _columns;

    /// <summary>
    /// The names of the organization's custom fields by id (<c>cf_...</c>), each named as the shaper
    /// names its columns, among the fields of its own kind and the shared ones: what a nested value's
    /// <c>custom.cf_...</c> key (a lead's contact, an opportunity) is called where keys are shown by name.
    /// Shared by every record of the same shaper; empty when the custom fields were not read.
    /// </summary>
    public IReadOnlyDictionary<string, string> CustomFieldNames => _columns.CustomFieldNames;

    /// <summary>The value of column <paramref name="name"/> (exact spelling).</summary>
    /// <exception cref="KeyNotFoundException">The record has no such column.</exception>
    public object? this[string name]
    {
        get
        {
            var i = _columns.IndexOf(name);
            if (i < 0)
                throw new KeyNotFoundException($"A {Stream} record has no column '{name}'.");
            return _values[i];
        }
    }

    /// <summary>The column at <paramref name="index"/> with its value.</summary>
    public KeyValuePair<string, object?> this[int index] => new(_columns.Names[index], _values[index]);

    /// <summary>Looks a column up without throwing.</summary>
    public bool TryGetValue(string name, out object? value)
    {
        var i = _columns.IndexOf(name);
        value = i < 0 ? null : _values[i];
        return i >= 0;
    }

    /// <summary>The value at column position <paramref name="index"/>.</summary>
    public object? ValueAt(int index) => _values[index];

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
            yield return new KeyValuePair<string, object?>(_columns.Names[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The record as one compact JSON object, columns in order.</summary>
    public override string ToString() => RecordJson.Serialize(this);
}
