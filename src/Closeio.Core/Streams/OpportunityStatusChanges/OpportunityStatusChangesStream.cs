namespace Closeio.Core.Streams;

/// <summary>
/// The opportunity_status_changes stream: the OpportunityStatusChange activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class OpportunityStatusChangesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "opportunity_status_changes",
        Type = "OpportunityStatusChange",
        TypeName = "Closeio.OpportunityStatusChange",
        Description = "Changes of an opportunity's status, with the deal's value and confidence at the time.",
        Uses =
        [
            "new_status_id", "new_status_label", "new_status_type", "old_status_id",
            "old_status_label", "old_status_type", "opportunity_confidence", "opportunity_date_won",
            "opportunity_id", "opportunity_value", "opportunity_value_currency", "opportunity_value_formatted",
            "opportunity_value_period",
        ],
    }.Define();
}
