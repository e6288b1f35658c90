namespace Closeio.Core.Streams;

/// <summary>
/// The lead_statuses stream: the organization's lead statuses from <c>GET status/lead/</c>, a small
/// table Close cannot filter by date, read whole on every run (see <see cref="WholeTableReader"/>).
/// </summary>
public static class LeadStatusesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "lead_statuses",
        Description = "The lead statuses a lead can be in (Potential, Qualified, ...), read whole each run.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.FullTable,
        Endpoint = "status/lead/",
        TypeName = "Closeio.LeadStatus",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Lead status id (stat_...)."),
            F("label", Str, "The status as users see it, e.g. Potential."),
            F("organization_id", Str, "Id of the Close organization."),
        ],
    };
}
