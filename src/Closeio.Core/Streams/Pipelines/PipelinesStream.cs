namespace Closeio.Core.Streams;

/// <summary>
/// The pipelines stream: the opportunity pipelines from <c>GET pipeline/</c>, a small table read whole each run; its objects carry <c>date_updated</c>, so only those changed since the bookmark are delivered (everything on a run without one).
/// </summary>
public static class PipelinesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "pipelines",
        Description = "The opportunity pipelines, each with its statuses; read whole, changed ones delivered.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "pipeline/",
        TypeName = "Closeio.Pipeline",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Pipeline id (pipe_...)."),
            F("date_updated", Time, "When the pipeline last changed."),
            F("date_created", Time, "When the pipeline was created."),
            F("name", Str, "The pipeline as users see it."),
            F("statuses", Arr, "The opportunity statuses of the pipeline, in order."),
            F("organization_id", Str, "Id of the Close organization."),
            F("created_by", Str, "Id of the user who created it."),
            F("updated_by", Str, "Id of the user who last changed it."),
        ],
    };
}
