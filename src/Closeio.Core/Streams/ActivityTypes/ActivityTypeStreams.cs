namespace Closeio.Core.Streams;

/// <summary>
/// The per-type activity streams: each holds one activity type alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>),
/// for users who want one table per type. A sync names them to get them: <c>activities</c> already holds
/// these records. They are one family, defined together here by <see cref="ActivityTypeStream"/>.
/// </summary>
public static class ActivityTypeStreams
{
    /// <summary>The Call activities alone.</summary>
    public static StreamDefinition Calls { get; } = new ActivityTypeStream
    {
        Name = "calls",
        Type = "Call",
        TypeName = "Closeio.Call",
        Description = "Phone calls logged on leads: direction, duration, recording and voicemail.",
        Uses =
        [
            "dialer_id", "direction", "duration", "local_phone",
            "note", "phone", "recording_url", "remote_phone",
            "status", "transferred_from", "transferred_to", "voicemail_duration",
            "voicemail_url",
        ],
    }.Define();

    /// <summary>The Email activities alone.</summary>
    public static StreamDefinition Emails { get; } = new ActivityTypeStream
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

    /// <summary>The EmailThread activities alone.</summary>
    public static StreamDefinition EmailThreads { get; } = new ActivityTypeStream
    {
        Name = "email_threads",
        Type = "EmailThread",
        TypeName = "Closeio.EmailThread",
        Description = "Email conversations on leads: subject, preview and size of each thread.",
        Uses =
        [
            "body_preview", "subject",
        ],
        Own =
        [
            F("n_emails", Int, "Number of emails in the thread."),
        ],
    }.Define();

    /// <summary>The Meeting activities alone.</summary>
    public static StreamDefinition Meetings { get; } = new ActivityTypeStream
    {
        Name = "meetings",
        Type = "Meeting",
        TypeName = "Closeio.Meeting",
        Description = "Calendar meetings with leads: title, start, end and notes.",
        Uses =
        [
            "duration", "note", "status",
        ],
        Own =
        [
            F("ends_at", Time, "When the meeting ends."),
            F("starts_at", Time, "When the meeting starts."),
            F("title", Str, "The meeting's title."),
        ],
    }.Define();

    /// <summary>The Note activities alone.</summary>
    public static StreamDefinition Notes { get; } = new ActivityTypeStream
    {
        Name = "notes",
        Type = "Note",
        TypeName = "Closeio.Note",
        Description = "Notes written on leads.",
        Uses =
        [
            "attachments", "note",
        ],
        Own =
        [
            F("note_html", Str, "The note as HTML."),
        ],
    }.Define();

    /// <summary>The SMS activities alone.</summary>
    public static StreamDefinition Sms { get; } = new ActivityTypeStream
    {
        Name = "sms",
        Type = "SMS",
        TypeName = "Closeio.Sms",
        Description = "Text messages sent to and received from leads.",
        Uses =
        [
            "attachments", "date_scheduled", "date_sent", "direction",
            "local_phone", "remote_phone", "status", "template_id",
        ],
        Own =
        [
            F("text", Str, "The message."),
        ],
    }.Define();

    /// <summary>The LeadStatusChange activities alone.</summary>
    public static StreamDefinition LeadStatusChanges { get; } = new ActivityTypeStream
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

    /// <summary>The OpportunityStatusChange activities alone.</summary>
    public static StreamDefinition OpportunityStatusChanges { get; } = new ActivityTypeStream
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

    /// <summary>The TaskCompleted activities alone.</summary>
    public static StreamDefinition TaskCompletions { get; } = new ActivityTypeStream
    {
        Name = "task_completions",
        Type = "TaskCompleted",
        TypeName = "Closeio.TaskCompletion",
        Description = "Tasks marked done: which task, its text and its assignee.",
        Uses =
        [
            "task_assigned_to", "task_assigned_to_name", "task_id", "task_text",
        ],
    }.Define();

    /// <summary>The WhatsAppMessage activities alone.</summary>
    public static StreamDefinition WhatsAppMessages { get; } = new ActivityTypeStream
    {
        Name = "whatsapp_messages",
        Type = "WhatsAppMessage",
        TypeName = "Closeio.WhatsAppMessage",
        Description = "WhatsApp messages exchanged with leads.",
        Uses =
        [
            "attachments", "direction", "local_phone", "remote_phone",
        ],
        Own =
        [
            F("external_whatsapp_message_id", Str, "WhatsApp's own id of the message."),
            F("message_markdown", Str, "The message, as Markdown."),
        ],
    }.Define();

    /// <summary>The CustomActivity activities alone.</summary>
    public static StreamDefinition CustomActivities { get; } = new ActivityTypeStream
    {
        Name = "custom_activities",
        Type = "CustomActivity",
        TypeName = "Closeio.CustomActivity",
        Description = "Instances of the organization's custom activity types, with their custom values.",
        CustomFieldKinds = ["activity", "shared"],
        Uses =
        [
            "note", "status",
        ],
        Own =
        [
            F("custom_activity_type_id", Str, "Id of the custom activity type (actitype_...)."),
        ],
    }.Define();

    /// <summary>Every per-type stream, in the catalog's order.</summary>
    public static IReadOnlyList<StreamDefinition> All { get; } =
    [
        Calls, Emails, EmailThreads, Meetings, Notes, Sms, LeadStatusChanges, OpportunityStatusChanges, TaskCompletions, WhatsAppMessages, CustomActivities,
    ];
}
