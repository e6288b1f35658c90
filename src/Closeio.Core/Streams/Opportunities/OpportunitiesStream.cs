namespace Closeio.Core.Streams;

/// <summary>The opportunities stream: <c>GET opportunity/</c> in <c>date_updated</c> windows (see <see cref="OpportunitiesReader"/>).</summary>
public static class OpportunitiesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "opportunities",
        Description = "Deals on leads: status, value, confidence, owner and the dates they were won or lost.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "opportunity/",
        TypeName = "Closeio.Opportunity",
        // Close's largest known opportunity page (close-api.md).
        DefaultPageSize = 250,
        // Oldest change first: pages of a window then hold the same records however deep they go.
        ListQuery = [new("_order_by", "date_updated")],
        CustomFieldKinds = ["opportunity", "shared"],
        CustomFieldKindsRead = ["opportunity", "shared"],
        Fields =
        [
            F("id", Str, "Opportunity id (oppo_...)."),
            F("date_updated", Time, "When the opportunity last changed."),
            F("annualized_expected_value", Int, "Value per year weighted by confidence, in cents."),
            F("annualized_value", Int, "Value per year, in cents."),
            F("confidence", Int, "Likelihood of winning, in percent."),
            F("contact_id", Str, "Id of the contact the deal is with."),
            F("contact_name", Str, "Name of that contact."),
            F("created_by", Str, "Id of the user who created the opportunity."),
            F("created_by_name", Str, "Name of the user who created the opportunity."),
            F("date_created", Time, "When the opportunity was created."),
            F("date_lost", Str, "The day the opportunity was lost (a date, no time)."),
            F("date_won", Str, "The day the opportunity was won (a date, no time)."),
            F("expected_value", Int, "Value weighted by confidence, in cents."),
            F("integration_links", Arr, "Links to the opportunity in connected integrations."),
            F("lead_id", Str, "Id of the lead the opportunity belongs to."),
            F("lead_name", Str, "Name of that lead."),
            F("note", Str, "Free-text note on the deal."),
            F("organization_id", Str, "Id of the Close organization."),
            F("pipeline_id", Str, "Id of the pipeline the status belongs to."),
            F("pipeline_name", Str, "Name of that pipeline."),
            F("status_id", Str, "Id of the opportunity status."),
            F("status_label", Str, "Label of the status, e.g. Active."),
            F("status_type", Str, "active, won or lost."),
            F("updated_by", Str, "Id of the user who last changed the opportunity."),
            F("updated_by_name", Str, "Name of the user who last changed the opportunity."),
            F("user_id", Str, "Id of the user who owns the deal."),
            F("user_name", Str, "Name of the owner."),
            F("value", Int, "Value in cents."),
            F("value_currency", Str, "Currency code, e.g. USD."),
            F("value_formatted", Str, "Value as displayed, e.g. $1,200 monthly."),
            F("value_period", Str, "one_time, monthly or annual."),
        ],
        CreateReader = static () => new OpportunitiesReader(),
    };
}
