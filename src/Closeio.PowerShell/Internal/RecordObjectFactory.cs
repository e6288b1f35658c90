namespace Closeio.PowerShell.Internal;

/// <summary>
/// Turns Core records into PowerShell objects: one note property per column, in the record's order
/// (so every record of a run has the same properties, and Export-Csv's header fits them all), the
/// stream's type name first (Closeio.Lead). In the shell a value is what it means: timestamps are
/// dates (<see cref="ShellText.TimestampTypeName"/>), nested objects are PSCustomObjects and lists are
/// arrays; as text (Export-Csv, string expansion) each still reads as the record's text does: ISO 8601
/// UTC with microseconds, compact JSON (Closeio.types.ps1xml gives them that ToString).
/// </summary>
internal sealed class RecordObjectFactory
{
    /// <summary>The property added when records of several streams share one output.</summary>
    public const string StreamProperty = "Stream";

    private const int MaxCachedColumnSets = 64;
    private const string CustomPrefix = "custom.";

    private readonly Dictionary<IReadOnlyList<string>, string[]> _names = new(ReferenceEqualityComparer.Instance);
    private readonly bool _includeStream;

    public RecordObjectFactory(bool includeStream = false) => _includeStream = includeStream;

    public PSObject Create(Record record)
    {
        var names = NamesFor(record);
        var customNames = record.CustomFieldNames;
        var o = new PSObject();
        o.TypeNames.Insert(0, TypeNameOf(record.Stream));
        if (_includeStream) o.Properties.Add(new PSNoteProperty(StreamProperty, record.Stream));
        for (var i = 0; i < names.Length; i++)
            o.Properties.Add(new PSNoteProperty(names[i], ShellValue(record.ValueAt(i), customNames)));
        return o;
    }

    public static string TypeNameOf(string stream) =>
        StreamCatalog.TryGet(stream, out var definition) ? definition.TypeName : "Closeio.Record";

    /// <summary>A date for the shell that reads as <see cref="CloseTimestamp.Format"/> text.</summary>
    /// <remarks>
    /// A local DateTime: DateTime comparisons ignore Kind and Get-Date is local, so only a local value
    /// compares right against Get-Date and '2024-05-01' casts; the text form converts back to UTC.
    /// </remarks>
    public static PSObject Timestamp(DateTimeOffset instant)
    {
        var o = new PSObject(instant.UtcDateTime.ToLocalTime());
        o.TypeNames.Insert(0, ShellText.TimestampTypeName);
        return o;
    }

    /// <summary>A record value as the shell sees it (see the class remarks); scalars are returned as they are.</summary>
    internal static object? ShellValue(object? value, IReadOnlyDictionary<string, string> customNames) => value switch
    {
        string s when IsCanonicalTimestamp(s) && CloseTimestamp.TryParse(s, out var instant) => Timestamp(instant),
        RecordMap map => ObjectOf(map, customNames),
        RecordList list => ListOf(list, customNames),
        DateTimeOffset instant => Timestamp(instant),
        _ => value,
    };

    // Records carry every instant as fixed-width canonical text (yyyy-MM-ddTHH:mm:ss.ffffffZ); a bare
    // date (a calendar day) and any other text stay text. Checked by shape first: it is cheap.
    private static bool IsCanonicalTimestamp(string s) =>
        s.Length == 27 && s[26] == 'Z' && s[10] == 'T' && s[4] == '-' && s[19] == '.';

    private static PSObject ObjectOf(RecordMap map, IReadOnlyDictionary<string, string> customNames)
    {
        var o = new PSObject();
        o.TypeNames.Insert(0, ShellText.ObjectTypeName);
        foreach (var (key, item) in map)
        {
            var value = ShellValue(item, customNames);
            if (key.StartsWith(CustomPrefix, StringComparison.Ordinal) &&
                customNames.TryGetValue(key[CustomPrefix.Length..], out var name))
            {
                // Named as on the lead; the JSON text keeps Close's key.
                var shown = map.ContainsKey(name) ? $"{name} ({key[CustomPrefix.Length..]})" : name;
                Add(o, new KeyedNoteProperty(shown, value, key));
            }
            else
            {
                Add(o, new PSNoteProperty(key, value));
            }
        }

        return o;
    }

    private static PSObject ListOf(RecordList list, IReadOnlyDictionary<string, string> customNames)
    {
        var items = new object?[list.Count];
        for (var i = 0; i < items.Length; i++) items[i] = ShellValue(list[i], customNames);
        var o = new PSObject(items);
        o.TypeNames.Insert(0, ShellText.ListTypeName);
        return o;
    }

    // PowerShell member names ignore case; JSON keys do not. A second key that differs only by case
    // gets a numbered name (name_2) rather than failing the record; its JSON key stays as sent.
    private static void Add(PSObject o, PSNoteProperty property)
    {
        if (o.Properties[property.Name] is null)
        {
            o.Properties.Add(property);
            return;
        }

        var key = property is KeyedNoteProperty keyed ? keyed.Key : property.Name;
        var n = 2;
        while (o.Properties[$"{property.Name}_{n}"] is not null) n++;
        o.Properties.Add(new KeyedNoteProperty($"{property.Name}_{n}", property.Value, key));
    }

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

/// <summary>A nested object's property whose JSON key differs from its name in the shell (<c>custom.cf_...</c>).</summary>
internal sealed class KeyedNoteProperty : PSNoteProperty
{
    public KeyedNoteProperty(string name, object? value, string key) : base(name, value) => Key = key;

    /// <summary>The key as Close sent it, written when the object becomes JSON text.</summary>
    public string Key { get; }

    public override PSMemberInfo Copy() => new KeyedNoteProperty(Name, Value, Key);
}
