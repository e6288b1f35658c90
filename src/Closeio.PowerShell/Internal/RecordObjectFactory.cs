using System.Management.Automation;
using Closeio.Core.Queries;
using Closeio.Core.Records;
using Closeio.Core.Streams;

namespace Closeio.PowerShell.Internal;

/// <summary>
/// Turns Core records into PowerShell objects: one note property per column, in the record's order
/// (so every record of a run has the same properties, and Export-Csv's header fits them all), the
/// stream's type name first (Closeio.Lead), values as they are: text, numbers, booleans, null, and
/// lists and maps that show as compact JSON when turned into text.
/// </summary>
internal sealed class RecordObjectFactory
{
    /// <summary>The property added when records of several streams share one output.</summary>
    public const string StreamProperty = "Stream";

    private const int MaxCachedColumnSets = 64;

    private readonly Dictionary<IReadOnlyList<string>, string[]> _names = new(ReferenceEqualityComparer.Instance);
    private readonly bool _includeStream;

    public RecordObjectFactory(bool includeStream = false) => _includeStream = includeStream;

    public PSObject Create(Record record)
    {
        var names = NamesFor(record);
        var o = new PSObject();
        o.TypeNames.Insert(0, TypeNameOf(record.Stream));
        if (_includeStream) o.Properties.Add(new PSNoteProperty(StreamProperty, record.Stream));
        for (var i = 0; i < names.Length; i++)
            o.Properties.Add(new PSNoteProperty(names[i], record.ValueAt(i)));
        return o;
    }

    public static string TypeNameOf(string stream) =>
        StreamCatalog.TryGet(stream, out var definition) ? definition.TypeName : "Closeio.Record";

    // Decided once per set of columns (see RecordPropertyNames), so every record of a run keeps the same properties.
    private string[] NamesFor(Record record)
    {
        if (_names.TryGetValue(record.Names, out var names)) return names;
        // Column lists are shared by every record of a shaper; should one arrive as a new list with
        // the same names, reuse the names worked out before, and keep the cache small either way.
        names = _names.FirstOrDefault(known => known.Key.SequenceEqual(record.Names, StringComparer.Ordinal)).Value
                ?? (_includeStream ? RecordPropertyNames.For(record.Names, StreamProperty) : RecordPropertyNames.For(record.Names));
        if (_names.Count < MaxCachedColumnSets) _names[record.Names] = names;
        return names;
    }
}
