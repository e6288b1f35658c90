namespace Closeio.Core.Streams;

/// <summary>
/// The stream catalog for Get-CloseioStream: each stream's keys, replication method, endpoint and
/// properties, with the connected organization's custom fields as the columns a sync would give them.
/// </summary>
public static class StreamDescriber
{
    /// <summary>Describes the streams named (all when null or empty) with these custom fields.</summary>
    /// <exception cref="ArgumentException">A name is not a stream.</exception>
    public static IReadOnlyList<StreamDescription> Describe(IReadOnlyList<string>? streams,
        IReadOnlyList<CustomFieldDefinition> customFields)
    {
        ArgumentNullException.ThrowIfNull(customFields);
        return Select(streams).Select(s => Describe(s, customFields)).ToArray();
    }

    /// <summary>
    /// Describes the streams named (all when null or empty), reading the organization's custom fields
    /// when a connection is given.
    /// </summary>
    public static IReadOnlyList<StreamDescription> Describe(IReadOnlyList<string>? streams, CloseConnection? connection,
        CancellationToken cancellationToken)
    {
        var selected = Select(streams);
        IReadOnlyList<CustomFieldDefinition> custom = [];
        var kinds = selected.SelectMany(s => s.CustomFieldKinds).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (connection is not null && kinds.Length > 0)
        {
            var context = new QueryContext(connection);
            custom = context.CustomFieldsAsync(kinds, cancellationToken).GetAwaiter().GetResult();
        }

        return selected.Select(s => Describe(s, custom)).ToArray();
    }

    private static StreamDefinition[] Select(IReadOnlyList<string>? streams) =>
        streams is { Count: > 0 }
            ? streams.Select(StreamCatalog.Get).DistinctBy(s => s.Name).ToArray()
            : StreamCatalog.All.ToArray();

    private static StreamDescription Describe(StreamDefinition stream, IReadOnlyList<CustomFieldDefinition> customFields)
    {
        var shaper = new RecordShaper(stream, customFields);
        var properties = new List<StreamProperty>(shaper.Columns.Count);
        foreach (var column in shaper.Columns)
        {
            if (stream.FindField(column) is { } field)
            {
                properties.Add(new StreamProperty(field.Name, field.JsonType, field.Description, false, null));
            }
            else if (column == RecordShaper.ExtraColumn)
            {
                properties.Add(new StreamProperty(column, StreamFieldType.Object,
                    "Fields Close sent that the schema does not list, or null.", false, null));
            }
            else if (shaper.CustomColumns.TryGetValue(column, out var cf))
            {
                properties.Add(new StreamProperty(column, cf.Type,
                    $"Custom field '{cf.Name}' ({cf.Kind}, {cf.Type}).", true, cf.Id));
            }
        }

        return new StreamDescription
        {
            Name = stream.Name,
            Description = stream.Description,
            KeyProperties = stream.KeyProperties,
            ReplicationMethod = stream.ReplicationMethod,
            ReplicationKey = stream.ReplicationKey,
            Endpoint = $"{stream.HttpMethod} {stream.Endpoint}",
            TypeName = stream.TypeName,
            Properties = properties,
        };
    }
}
