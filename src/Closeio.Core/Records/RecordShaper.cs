namespace Closeio.Core.Records;

/// <summary>
/// Fixes the columns of one stream for one run and turns Close's JSON objects into
/// <see cref="Record"/>s with exactly those columns, so every record of a run has the same shape
/// (a Call and an Email activity alike) and a CSV header stays valid for the whole file.
/// </summary>
/// <remarks>
/// Columns: the stream's schema fields (only the requested ones when a subset was asked for; the
/// id and the replication key are always kept), then one column per custom field of the stream's
/// kinds, named after the field, then <see cref="ExtraColumn"/> holding whatever else Close sent.
/// Close's flat <c>custom.cf_XXX</c> keys fill the named columns; on streams whose schema has a
/// <c>custom_fields</c> field (leads) they are also kept there by id.
/// A shaper is immutable once built; <see cref="Shape(JsonElement)"/> may be called from several threads.
/// </remarks>
public sealed class RecordShaper
{
    /// <summary>The last column: a <see cref="RecordMap"/> of fields Close returned that the schema lacks, or null.</summary>
    public const string ExtraColumn = "_extra";

    private const string CustomPrefix = "custom.";

    // Search answers tag each object with its type; that is how it was found, not a field of it.
    private const string SearchObjectType = "__object_type";
    private const string CustomFieldsField = StreamCatalog.CustomValuesField;

    private readonly RecordColumns _columns;
    private readonly Dictionary<string, (int Column, bool IsDateTime)> _schemaColumns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unselectedSchemaFields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _customColumns = new(StringComparer.Ordinal);
    private readonly int _customFieldsColumn = -1;
    private readonly bool _streamHasCustomFieldsMap;
    private readonly int _extraColumn;
    private readonly RecordValueReader _reader;

    /// <summary>Fixes the columns for <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream whose records are shaped.</param>
    /// <param name="customFields">
    /// The organization's custom fields; those whose kind is one of the stream's
    /// <see cref="StreamDefinition.CustomFieldKinds"/> become columns.
    /// </param>
    /// <param name="properties">
    /// The columns the caller asked for (schema field names, custom field names or ids), or null for
    /// all. Matched ignoring case.
    /// </param>
    /// <exception cref="ArgumentException">A requested property is neither a field nor a custom field of the stream.</exception>
    public RecordShaper(StreamDefinition stream, IReadOnlyList<CustomFieldDefinition> customFields,
        IReadOnlyList<string>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(customFields);
        Stream = stream;

        // Sorted so the columns (and a CSV header) do not change when Close lists fields in another order.
        var ofStream = customFields
            .Where(f => stream.CustomFieldKinds.Contains(f.Kind, StringComparer.OrdinalIgnoreCase))
            .DistinctBy(f => f.Id, StringComparer.Ordinal)
            .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToArray();
        var customNames = CustomFieldColumnNamer.Name(
            ofStream, stream.Fields.Select(f => f.Name).Append(ExtraColumn));

        // Datetime custom values are normalized wherever they appear, nested ones included, so
        // every kind counts here, not only the stream's own.
        _reader = new RecordValueReader(customFields
            .Where(f => IsDateTimeType(f.Type))
            .Select(f => CustomPrefix + f.Id)
            .ToHashSet(StringComparer.Ordinal));

        var selection = properties is null ? null : new Selection(stream, ofStream, customNames, properties);

        var names = new List<string>(stream.Fields.Count + ofStream.Length + 1);
        var serverFields = new List<string>();
        foreach (var field in stream.Fields)
        {
            if (selection is not null && !selection.Includes(field))
            {
                _unselectedSchemaFields.Add(field.Name);
                continue;
            }

            _schemaColumns[field.Name] = (names.Count, field.IsDateTime);
            if (field.Name == CustomFieldsField)
                _customFieldsColumn = names.Count;
            names.Add(field.Name);
            // Close selects all custom values of a lead with "custom".
            serverFields.Add(field.Name == CustomFieldsField && stream.CustomFieldKinds.Count > 0 ? "custom" : field.Name);
        }

        _streamHasCustomFieldsMap = stream.FindField(CustomFieldsField) is not null;
        var customColumnFields = new Dictionary<string, CustomFieldDefinition>(StringComparer.Ordinal);
        for (var i = 0; i < ofStream.Length; i++)
        {
            var field = ofStream[i];
            if (selection is not null && !selection.Includes(field))
            {
                _customColumns[field.Id] = -1;
                continue;
            }

            _customColumns[field.Id] = names.Count;
            names.Add(customNames[i]);
            customColumnFields[customNames[i]] = field;
            serverFields.Add(CustomPrefix + field.Id);
        }

        _extraColumn = names.Count;
        names.Add(ExtraColumn);
        CustomColumns = customColumnFields;
        _columns = new RecordColumns(names, NamesById(customFields));
        ServerFields = selection is null ? null : serverFields.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The stream this shaper is for.</summary>
    public StreamDefinition Stream { get; }

    /// <summary>The column names every record of this shaper has, in order.</summary>
    public IReadOnlyList<string> Columns => _columns.ReadOnlyNames;

    /// <summary>The custom field behind each custom column, by column name.</summary>
    internal IReadOnlyDictionary<string, CustomFieldDefinition> CustomColumns { get; }

    /// <summary>
    /// The <c>_fields</c> to ask Close for when a subset of properties was requested (schema names
    /// and <c>custom.cf_XXX</c> ids); null when all fields are wanted.
    /// </summary>
    public IReadOnlyList<string>? ServerFields { get; }

    /// <summary>Shapes one object from Close's API.</summary>
    /// <exception cref="InvalidDataException">The object has no id, or its replication key is missing or not a timestamp.</exception>
    public Record Shape(JsonElement closeObject) => Shape(closeObject, null);

    /// <summary>
    /// Shapes one object, filling in values the reader knows from context rather than from the object
    /// (the <c>kind</c> of a custom field, known from its endpoint). Supplied values never overwrite
    /// what Close sent.
    /// </summary>
    /// <exception cref="InvalidDataException">The object has no id, or its replication key is missing or not a timestamp.</exception>
    public Record Shape(JsonElement closeObject, IReadOnlyDictionary<string, object?>? supplied)
    {
        if (closeObject.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException(
                $"Close returned a {closeObject.ValueKind} where a {Stream.Name} object was expected.");

        var id = ReadId(closeObject);
        var key = ReadKey(closeObject, id);
        var values = new object?[_columns.Count];
        RecordMap? extra = null;
        RecordMap? byId = null;

        foreach (var property in closeObject.EnumerateObject())
        {
            var name = property.Name;
            if (_schemaColumns.TryGetValue(name, out var schema))
            {
                var value = _reader.Read(property.Value, name, schema.IsDateTime);
                if (schema.Column == _customFieldsColumn)
                {
                    // Close does not send this column itself; if something does, keep it rather than lose it.
                    if (value is RecordMap sent)
                        foreach (var (k, v) in sent)
                            (byId ??= new RecordMap())[k] = v;
                    else if (value is not null)
                        (extra ??= new RecordMap())[name] = value;
                }
                else
                {
                    values[schema.Column] = value;
                }
            }
            else if (name.StartsWith(CustomPrefix, StringComparison.Ordinal))
            {
                var cfId = name[CustomPrefix.Length..];
                var known = _customColumns.TryGetValue(cfId, out var column);
                var value = _reader.Read(property.Value, name, isDateTime: false);
                if (known && column >= 0)
                    values[column] = value;
                if (_customFieldsColumn >= 0)
                    (byId ??= new RecordMap())[cfId] = value;
                else if (!known && !_streamHasCustomFieldsMap)
                    (extra ??= new RecordMap())[name] = value;
            }
            else if (!_unselectedSchemaFields.Contains(name) && name != SearchObjectType)
            {
                (extra ??= new RecordMap())[name] = _reader.Read(property.Value, name, isDateTime: false);
            }
        }

        if (_customFieldsColumn >= 0)
            values[_customFieldsColumn] = byId;
        if (supplied is not null)
            Supply(values, supplied, ref extra);
        values[_extraColumn] = extra;
        return new Record(Stream.Name, id, key, _columns, values);
    }

    private void Supply(object?[] values, IReadOnlyDictionary<string, object?> supplied, ref RecordMap? extra)
    {
        foreach (var (name, value) in supplied)
        {
            var column = _columns.IndexOf(name);
            if (column >= 0 && column != _extraColumn)
            {
                values[column] ??= value;
            }
            else if (!_unselectedSchemaFields.Contains(name))
            {
                extra ??= new RecordMap();
                extra.TryAdd(name, value);
            }
        }
    }

    private string ReadId(JsonElement closeObject)
    {
        if (closeObject.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String &&
            !string.IsNullOrEmpty(id.GetString()))
            return id.GetString()!;
        throw new InvalidDataException($"Close returned a {Stream.Name} object without an id.");
    }

    private DateTimeOffset ReadKey(JsonElement closeObject, string id)
    {
        // A full-table stream has no key: its records sort by id alone.
        if (Stream.ReplicationKey is not { } keyName) return DateTimeOffset.MinValue;
        if (!closeObject.TryGetProperty(keyName, out var key) || key.ValueKind != JsonValueKind.String)
            throw new InvalidDataException(
                $"Close returned {Stream.Name} record {id} without {keyName}; it cannot be bookmarked.");
        if (!CloseTimestamp.TryParse(key.GetString(), out var instant))
            throw new InvalidDataException(
                $"Close returned {Stream.Name} record {id} with {keyName} '{key.GetString()}', which is not a timestamp.");
        return instant;
    }

    /// <summary>Every custom field's name, decided among the fields of its kind and the shared ones.</summary>
    private static Dictionary<string, string> NamesById(IReadOnlyList<CustomFieldDefinition> customFields)
    {
        const string shared = "shared";
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        var kinds = customFields.Select(f => f.Kind).Where(k => !k.Equals(shared, StringComparison.OrdinalIgnoreCase))
            .Append(shared).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var kind in kinds)
        {
            var fields = customFields
                .Where(f => f.Kind.Equals(kind, StringComparison.OrdinalIgnoreCase) || f.Kind.Equals(shared, StringComparison.OrdinalIgnoreCase))
                .DistinctBy(f => f.Id, StringComparer.Ordinal)
                .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(f => f.Id, StringComparer.Ordinal)
                .ToArray();
            var names = CustomFieldColumnNamer.Name(fields, []);
            for (var i = 0; i < fields.Length; i++)
                byId.TryAdd(fields[i].Id, names[i]);
        }

        return byId;
    }

    private static bool IsDateTimeType(string type) =>
        type.Equals("datetime", StringComparison.OrdinalIgnoreCase) ||
        type.Equals("date/time", StringComparison.OrdinalIgnoreCase) ||
        type.Equals("date_time", StringComparison.OrdinalIgnoreCase);

    /// <summary>The caller's requested properties, resolved against the stream's fields and custom fields.</summary>
    private sealed class Selection
    {
        private readonly HashSet<string> _schema = new(StringComparer.Ordinal);
        private readonly HashSet<string> _customIds = new(StringComparer.Ordinal);

        public Selection(StreamDefinition stream, IReadOnlyList<CustomFieldDefinition> custom,
            IReadOnlyList<string> customNames, IReadOnlyList<string> properties)
        {
            _schema.Add(stream.KeyProperties.Count > 0 ? stream.KeyProperties[0] : "id");
            foreach (var k in stream.KeyProperties)
                _schema.Add(k);
            if (stream.ReplicationKey is { } key) _schema.Add(key);

            var unknown = new List<string>();
            foreach (var requested in properties.Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                if (requested.Equals(ExtraColumn, StringComparison.OrdinalIgnoreCase))
                    continue; // always present
                var field = stream.Fields.FirstOrDefault(f => f.Name.Equals(requested, StringComparison.OrdinalIgnoreCase));
                if (field is not null)
                {
                    _schema.Add(field.Name);
                    continue;
                }

                var cfId = requested.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase)
                    ? requested[CustomPrefix.Length..]
                    : requested;
                var matches = Enumerable.Range(0, custom.Count)
                    .Where(i => custom[i].Id.Equals(cfId, StringComparison.OrdinalIgnoreCase) ||
                                customNames[i].Equals(requested, StringComparison.OrdinalIgnoreCase) ||
                                custom[i].Name.Trim().Equals(requested, StringComparison.OrdinalIgnoreCase))
                    .ToArray();
                if (matches.Length == 0)
                    unknown.Add(requested);
                foreach (var i in matches)
                    _customIds.Add(custom[i].Id);
            }

            if (unknown.Count > 0)
            {
                var valid = stream.Fields.Select(f => f.Name).Concat(customNames);
                throw new ArgumentException(
                    $"The {stream.Name} stream has no propert{(unknown.Count == 1 ? "y" : "ies")} " +
                    $"{string.Join(", ", unknown.Select(u => $"'{u}'"))}. Valid properties: {string.Join(", ", valid)}.",
                    nameof(properties));
            }
        }

        public bool Includes(StreamField field) => _schema.Contains(field.Name);

        public bool Includes(CustomFieldDefinition field) => _customIds.Contains(field.Id);
    }
}
