namespace Closeio.Core.Streams;

/// <summary>
/// The emails stream: the Email activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class EmailsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "emails",
        Type = "Email",
        TypeName = "Closeio.Email",
        Description = "Emails sent, received, drafted or scheduled on leads.",
        Uses =
        [
            "attachments", "bcc", "body_html", "body_html_quoted",
            "body_preview", "body_text", "body_text_quoted", "cc",
            "date_scheduled", "date_sent", "direction", "email_account_id",
            "envelope", "in_reply_to_id", "message_ids", "need_smtp_credentials",
            "opens", "opens_summary", "references", "send_attempts",
            "sender", "status", "subject", "template_id",
            "template_name", "thread_id", "to",
        ],
    }.Define();
}
