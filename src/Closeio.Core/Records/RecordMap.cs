namespace Closeio.Core.Records;

/// <summary>
/// An object value inside a record (an email's envelope, a lead's custom field values). Keys keep
/// Close's spelling and insertion order; the text form is compact JSON.
/// </summary>
public sealed class RecordMap : Dictionary<string, object?>
{
    /// <summary>An empty map with ordinal (case-sensitive) keys, as JSON has.</summary>
    public RecordMap() : base(StringComparer.Ordinal) { }

    /// <summary>The map as compact JSON.</summary>
    public override string ToString() => RecordJson.Serialize(this);
}
