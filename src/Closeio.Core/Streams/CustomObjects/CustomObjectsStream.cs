namespace Closeio.Core.Streams;

/// <summary>
/// The custom_objects stream: Close lists custom objects only per lead (<c>custom_object/?lead_id=</c>),
/// so a run reads the custom objects of the leads that changed since the last run (all leads from the
/// start date on a first run), see <see cref="CustomObjectsReader"/>.
/// <para>
/// Why the bookmark is the lead's <c>date_updated</c> (<c>lead_date_updated</c>) and not the custom
/// object's: the objects are found through their leads, in the lead scan's order, so their own dates
/// are not ascending, and a bookmark on them would jump past leads not yet read; and a custom object
/// can change without its lead changing (the Sandbox edits one alone; Close documents no lead update
/// either), so "custom objects changed up to T" is not something a scan of leads can vouch for. The
/// lead's date is the scan's position: a run cut short resumes at the last lead whose objects were
/// delivered. Known gap: a custom object edited while its lead stays unchanged is seen only when the
/// lead next changes (or after a reset).
/// </para>
/// </summary>
public static class CustomObjectsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "custom_objects",
        Description = "Custom object instances of the leads that changed since the last run.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = CustomObjectsReader.LeadKey,
        Endpoint = "custom_object/",
        TypeName = "Closeio.CustomObject",
        // Read per parent (one request per changed lead, every lead on a first run): a sync names it to get it.
        SyncedByDefault = false,
        DefaultPageSize = 100,
        CustomFieldKinds = ["custom_object_type"],
        CustomFieldKindsRead = ["custom_object_type"],
        Fields =
        [
            F("id", Str, "Custom object id (custobj_...)."),
            F(CustomObjectsReader.LeadKey, Time, "Its lead's date_updated when read: the stream's bookmark."),
            F("date_updated", Time, "When the custom object last changed."),
            F("date_created", Time, "When it was created."),
            F("custom_object_type_id", Str, "Id of its custom object type."),
            F("lead_id", Str, "Id of its lead."),
            F("name", Str, "Its name."),
            F("created_by", Str, "Id of the user who created it."),
            F("updated_by", Str, "Id of the user who last changed it."),
            F("organization_id", Str, "Id of the Close organization."),
        ],
        CreateReader = static () => new CustomObjectsReader(),
    };
}
