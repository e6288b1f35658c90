namespace Closeio.Core.Streams;

/// <summary>The leads stream: companies read through Close's search (<c>POST data/search/</c>) in <c>date_updated</c> order, with their contacts, opportunities and custom values (see <see cref="LeadsReader"/>).</summary>
public static class LeadsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "leads",
        Description = "Companies or accounts, with their contacts, opportunities, addresses, tasks and custom values.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "data/search/",
        HttpMethod = "POST",
        TypeName = "Closeio.Lead",
        CustomFieldKinds = ["lead", "shared"],
        // Leads carry their contacts and opportunities, with those objects' custom values.
        CustomFieldKindsRead = ["lead", "contact", "opportunity", "shared"],
        DefaultPageSize = SearchPager.MaxPageSize,
        Fields =
        [
            F("id", Str, "Lead id (lead_...)."),
            F("date_updated", Time, "When the lead last changed."),
            F("addresses", Arr, "Postal addresses: label, address_1, address_2, city, state, zipcode, country."),
            F("contacts", Arr, "People at the lead, each with emails, phones, urls, title and timestamps."),
            F("created_by", Str, "Id of the user who created the lead."),
            F("created_by_name", Str, "Name of the user who created the lead."),
            F("custom_fields", Obj, "Custom field values keyed by Close's custom field id (cf_...)."),
            F("date_created", Time, "When the lead was created."),
            F("description", Str, "Free-text description of the lead."),
            F("display_name", Str, "Name shown for the lead in Close."),
            F("html_url", Str, "Link to the lead in Close's web app."),
            F("integration_links", Arr, "Links to the lead in connected integrations."),
            F("name", Str, "The lead's (company) name."),
            F("opportunities", Arr, "Deals on the lead, with status, value, confidence and dates."),
            F("organization_id", Str, "Id of the Close organization."),
            F("status_id", Str, "Id of the lead status."),
            F("status_label", Str, "Label of the lead status, e.g. Potential."),
            F("tasks", Arr, "Tasks attached to the lead."),
            F("updated_by", Str, "Id of the user who last changed the lead."),
            F("updated_by_name", Str, "Name of the user who last changed the lead."),
            F("url", Str, "The lead's website."),
        ],
        CreateReader = static () => new LeadsReader(),
    };
}
