namespace Closeio.Core.Streams;

/// <summary>
/// The contacts stream: Close's <c>/contact/</c> has no date filter, so contacts are found as leads
/// are, through Advanced Filtering (<c>POST data/search/</c>, object type <c>contact</c>) in
/// <c>date_updated</c> order (see <see cref="LeadsReader"/> and <see cref="LeadScan"/>).
/// </summary>
public static class ContactsStream
{
    /// <summary>The search's object type for contacts, also the path of Close's contact endpoints (<c>contact/</c>).</summary>
    internal const string SearchObjectType = "contact";

    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "contacts",
        Description = "People at leads, with their emails, phones, urls, title and custom values.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "data/search/",
        HttpMethod = "POST",
        TypeName = "Closeio.Contact",
        CustomFieldKinds = ["contact", "shared"],
        CustomFieldKindsRead = ["contact", "shared"],
        DefaultPageSize = SearchPager.MaxPageSize,
        Fields =
        [
            F("id", Str, "Contact id (cont_...)."),
            F("date_updated", Time, "When the contact last changed."),
            F("created_by", Str, "Id of the user who created the contact."),
            F("date_created", Time, "When the contact was created."),
            F("display_name", Str, "Name shown for the contact in Close."),
            F("emails", Arr, "Email addresses, each with its type (office, home, ...)."),
            F("integration_links", Arr, "Links to the contact in connected integrations."),
            F("lead_id", Str, "Id of the lead the contact belongs to."),
            F("name", Str, "The contact's full name."),
            F("organization_id", Str, "Id of the Close organization."),
            F("phones", Arr, "Phone numbers, each with its type and as displayed."),
            F("title", Str, "Job title."),
            F("updated_by", Str, "Id of the user who last changed the contact."),
            F("urls", Arr, "Web addresses (profiles, sites)."),
        ],
        CreateReader = static () => new LeadsReader(SearchObjectType),
    };
}
