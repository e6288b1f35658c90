namespace Closeio.Core.Streams;

/// <summary>
/// The opportunity_statuses stream: the organization's opportunity statuses from <c>GET status/opportunity/</c>, which carry no dates: read whole and delivered whole on every run.
/// </summary>
public static class OpportunityStatusesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "opportunity_statuses",
        Description = "The opportunity statuses of every pipeline (active, won, lost), read whole each run.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.FullTable,
        Endpoint = "status/opportunity/",
        TypeName = "Closeio.OpportunityStatus",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Opportunity status id (stat_...)."),
            F("label", Str, "The status as users see it, e.g. Demo Completed."),
            F("type", Str, "active, won or lost."),
            F("pipeline_id", Str, "Id of the pipeline the status belongs to."),
            F("organization_id", Str, "Id of the Close organization."),
        ],
    };
}
