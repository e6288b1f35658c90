namespace Closeio.Core.Streams;

/// <summary>
/// The sequences stream: the sequences from <c>GET sequence/</c>, a small table read whole each run; its objects carry <c>date_updated</c>, so only those changed since the bookmark are delivered (everything on a run without one).
/// </summary>
public static class SequencesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "sequences",
        Description = "Sequences (workflows) with their steps; read whole, changed ones delivered.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "sequence/",
        TypeName = "Closeio.Sequence",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Sequence id (seq_...)."),
            F("date_updated", Time, "When the sequence last changed."),
            F("date_created", Time, "When the sequence was created."),
            F("name", Str, "The sequence's name."),
            F("status", Str, "active or paused."),
            F("timezone", Str, "Time zone the schedule runs in."),
            F("schedule_id", Str, "Id of the sending schedule, if any."),
            F("steps", Arr, "The steps in order: id, step_type, delay (seconds), email_template_id, threading."),
            F("organization_id", Str, "Id of the Close organization."),
            F("created_by", Str, "Id of the user who created it."),
            F("updated_by", Str, "Id of the user who last changed it."),
        ],
    };
}
