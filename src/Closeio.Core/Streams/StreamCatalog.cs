namespace Closeio.Core.Streams;

/// <summary>
/// The streams the module replicates: each is defined once, in its own folder under <c>Streams/</c>
/// (its fields, endpoint, paging, reader and bookmark extras), and listed here. The seed streams carry
/// at least Stitch's tap-closeio fields; field order is the column order: <c>id</c>, the replication
/// key, then the rest. See docs/adding-a-stream.md.
/// </summary>
public static class StreamCatalog
{
    /// <summary>
    /// The custom field kinds Close serves under <c>custom_field/{kind}/</c>, custom objects' fields
    /// included; a kind an organization's plan lacks (404) has no fields.
    /// </summary>
    public static IReadOnlyList<string> CustomFieldEndpointKinds => CustomFieldsStream.Kinds;

    /// <summary>
    /// The field of leads, contacts and opportunities that holds custom values keyed by custom field
    /// id, which the shaper spreads into named columns.
    /// </summary>
    public const string CustomValuesField = "custom_fields";

    /// <summary>All streams, in the order a full sync runs them.</summary>
    public static IReadOnlyList<StreamDefinition> All { get; } =
    [
        LeadsStream.Definition, ActivitiesStream.Definition, TasksStream.Definition, UsersStream.Definition,
        CustomFieldsStream.Definition, EventLogStream.Definition, LeadStatusesStream.Definition,
        OpportunitiesStream.Definition, ContactsStream.Definition,
        OpportunityStatusesStream.Definition, PipelinesStream.Definition, EmailTemplatesStream.Definition,
        SmsTemplatesStream.Definition, SequencesStream.Definition, CustomActivityTypesStream.Definition,
        CustomObjectTypesStream.Definition, SmartViewsStream.Definition, RolesStream.Definition,
        GroupsStream.Definition, PhoneNumbersStream.Definition, MembershipsStream.Definition,
        DeletionsStream.Definition, SequenceSubscriptionsStream.Definition, CommentsStream.Definition,
        CustomObjectsStream.Definition,
        .. ActivityTypeStreams.All,
    ];

    /// <summary>The names of all streams.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

    /// <summary>The streams a sync reads when none is named (see <see cref="StreamDefinition.SyncedByDefault"/>).</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = All.Where(s => s.SyncedByDefault).Select(s => s.Name).ToArray();

    /// <summary>The stream called <paramref name="name"/>, ignoring case.</summary>
    /// <exception cref="ArgumentException">No stream has that name; the message lists the valid ones.</exception>
    public static StreamDefinition Get(string name)
    {
        if (TryGet(name, out var stream))
            return stream;
        throw new ArgumentException(
            $"'{name}' is not a Close stream. Valid streams: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Looks a stream up by name, ignoring case.</summary>
    public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StreamDefinition? stream)
    {
        stream = All.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return stream is not null;
    }
}
