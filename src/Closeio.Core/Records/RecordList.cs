namespace Closeio.Core.Records;

/// <summary>
/// A list value inside a record (a lead's contacts, an email's recipients). Its text form is compact
/// JSON, so tools that call ToString on property values (Export-Csv) write the data, not a type name.
/// </summary>
public sealed class RecordList : List<object?>
{
    /// <summary>An empty list.</summary>
    public RecordList() { }

    /// <summary>An empty list with room for <paramref name="capacity"/> items.</summary>
    public RecordList(int capacity) : base(capacity) { }

    /// <summary>A list holding <paramref name="items"/>.</summary>
    public RecordList(IEnumerable<object?> items) : base(items) { }

    /// <summary>The list as compact JSON.</summary>
    public override string ToString() => RecordJson.Serialize(this);
}
