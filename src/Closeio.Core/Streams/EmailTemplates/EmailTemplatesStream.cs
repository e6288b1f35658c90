namespace Closeio.Core.Streams;

/// <summary>
/// The email_templates stream: the email templates from <c>GET email_template/</c>, a small table read whole each run; its objects carry <c>date_updated</c>, so only those changed since the bookmark are delivered (everything on a run without one).
/// </summary>
public static class EmailTemplatesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "email_templates",
        Description = "Email templates; read whole, changed ones delivered.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "email_template/",
        TypeName = "Closeio.EmailTemplate",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Email template id (tmpl_...)."),
            F("date_updated", Time, "When the template last changed."),
            F("date_created", Time, "When the template was created."),
            F("name", Str, "The template's name."),
            F("subject", Str, "Subject line, with template tags."),
            F("body", Str, "HTML body, with template tags."),
            F("is_shared", Bool, "True when every user of the organization may use it."),
            F("is_archived", Bool, "True when the template is archived."),
            F("attachments", Arr, "Files attached to emails sent with it."),
            F("organization_id", Str, "Id of the Close organization."),
            F("created_by", Str, "Id of the user who created it."),
            F("updated_by", Str, "Id of the user who last changed it."),
        ],
    };
}
