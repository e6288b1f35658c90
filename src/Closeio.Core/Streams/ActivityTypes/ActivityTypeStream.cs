namespace Closeio.Core.Streams;

/// <summary>
/// What sets one per-type activity stream (calls, notes, ...) apart from the others: its name, its
/// Close type and the fields that type uses. <see cref="Define"/> makes the stream's definition; each
/// per-type stream declares its own in its own folder, and is read like <c>activities</c> (by
/// <see cref="ActivitiesReader"/>, from the type's endpoint).
/// </summary>
internal sealed class ActivityTypeStream
{
    /// <summary>Fields every activity carries, whatever its type.</summary>
    private static readonly string[] Common =
    [
        "id", "date_created", "_type", "contact_id", "created_by", "created_by_name", "date_updated", "import_id",
        "lead_id", "organization_id", "source", "updated_by", "updated_by_name", "user_id", "user_name",
    ];

    /// <summary>The stream's name, as users type it.</summary>
    public required string Name { get; init; }

    /// <summary>The type as Close writes it in <c>_type</c> (<c>Call</c>); its endpoint comes from <see cref="ActivityTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The PowerShell type name of the records (<c>Closeio.Call</c>).</summary>
    public required string TypeName { get; init; }

    /// <summary>One line for Get-CloseioStream and completion.</summary>
    public required string Description { get; init; }

    /// <summary>The fields of the <c>activities</c> stream this type uses, besides those every activity has.</summary>
    public IReadOnlyList<string> Uses { get; init; } = [];

    /// <summary>Fields of this type that the combined stream does not list (they land in its <c>_extra</c>).</summary>
    public IReadOnlyList<StreamField> Own { get; init; } = [];

    /// <summary>Custom field kinds whose values this type carries (custom activities).</summary>
    public IReadOnlyList<string> CustomFieldKinds { get; init; } = [];

    /// <summary>
    /// The stream's definition: append-only on <c>date_created</c> like <c>activities</c>, with the same
    /// look-back and event-log edit pass, left out of a sync that names no stream (the combined stream
    /// already holds these records).
    /// </summary>
    public StreamDefinition Define()
    {
        var combined = ActivitiesStream.Definition;
        var wanted = Common.Concat(Uses).ToHashSet(StringComparer.Ordinal);
        var unknown = Uses.Where(u => combined.FindField(u) is null).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"{Name}: {string.Join(", ", unknown)} are not fields of {combined.Name}; list them as Own.");
        return new StreamDefinition
        {
            Name = Name,
            Description = Description,
            KeyProperties = combined.KeyProperties,
            ReplicationMethod = combined.ReplicationMethod,
            ReplicationKey = combined.ReplicationKey,
            Endpoint = ActivityTypes.PathOf(Type),
            TypeName = TypeName,
            CustomFieldKinds = CustomFieldKinds,
            CustomFieldKindsRead = CustomFieldKinds,
            DefaultPageSize = combined.DefaultPageSize,
            CreateReader = combined.CreateReader,
            SyncedByDefault = false,
            // id, date_created, then the rest by name, as the combined stream orders them.
            Fields =
            [
                .. combined.Fields.Take(2),
                .. combined.Fields.Skip(2).Where(f => wanted.Contains(f.Name)).Concat(Own).OrderBy(f => f.Name, StringComparer.Ordinal),
            ],
        };
    }
}
