namespace Closeio.Core.Streams;

/// <summary>
/// The pipelines stream: the opportunity pipelines from <c>GET pipeline/</c>, each with its statuses. A
/// full-table stream, delivered whole every run: a status renamed or moved inside a pipeline need not
/// move the pipeline's <c>date_updated</c>, which Close does not document. Organizations have few pipelines.
/// </summary>
public static class PipelinesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "pipelines",
        Description = "The opportunity pipelines, each with its statuses; read whole each run.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.FullTable,
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
