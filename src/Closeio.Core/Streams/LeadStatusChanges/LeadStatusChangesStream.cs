namespace Closeio.Core.Streams;

/// <summary>
/// The lead_status_changes stream: the LeadStatusChange activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class LeadStatusChangesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "lead_status_changes",
        Type = "LeadStatusChange",
        TypeName = "Closeio.LeadStatusChange",
        Description = "Changes of a lead's status: from which status to which.",
        Uses =
        [
            "new_status_id", "new_status_label", "new_status_type", "old_status_id",
            "old_status_label", "old_status_type",
        ],
    }.Define();
}
