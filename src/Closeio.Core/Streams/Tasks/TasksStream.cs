namespace Closeio.Core.Streams;

/// <summary>The tasks stream: <c>GET task/</c> with <c>_type=all</c> in <c>date_updated</c> windows (see <see cref="TasksReader"/>).</summary>
public static class TasksStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "tasks",
        Description = "To-dos assigned to users: lead tasks, follow-ups, missed calls, voicemails and more.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "task/",
        TypeName = "Closeio.Task",
        DefaultPageSize = 1000,
        // Without _type Close lists only lead tasks (tap-closeio's defect).
        ListQuery = [new("_type", "all")],
        Fields =
        [
            F("id", Str, "Task id (task_...)."),
            F("date_updated", Time, "When the task last changed."),
            F("_type", Str, "Kind of task: lead, incoming_email, email_followup, missed_call, voicemail, outgoing_call, ... (types Close adds later come through too)."),
            F("assigned_to", Str, "Id of the assignee."),
            F("assigned_to_name", Str, "Name of the assignee."),
            F("body_preview", Str, "Incoming email: preview of the body."),
            F("contact_id", Str, "Id of the related contact."),
            F("contact_name", Str, "Name of the related contact."),
            F("created_by", Str, "Id of the user who created the task."),
            F("created_by_name", Str, "Name of the user who created the task."),
            F("date", Time, "When the task is for (a date alone for all-day tasks).") with { MayBeBareDate = true },
            F("date_created", Time, "When the task was created."),
            F("due_date", Time, "When the task is due.") with { MayBeBareDate = true },
            F("email_id", Str, "Email follow-up: id of the email."),
            F("emails", Arr, "Incoming email: ids of the related email activities."),
            F("is_complete", Bool, "Whether the task is done."),
            F("is_dateless", Bool, "Whether the task has no date."),
            F("lead_id", Str, "Id of the related lead."),
            F("lead_name", Str, "Name of the related lead."),
            F("local_phone", Str, "SMS/missed call: the organization's number."),
            F("object_id", Str, "Id of the object the task is about (call, thread, SMS, opportunity)."),
            F("object_type", Str, "Type of that object."),
            F("opportunity_note", Str, "Opportunity due: the opportunity's note."),
            F("opportunity_value", Int, "Opportunity due: value in cents."),
            F("opportunity_value_currency", Str, "Opportunity due: currency code."),
            F("opportunity_value_formatted", Str, "Opportunity due: value as displayed."),
            F("opportunity_value_period", Str, "Opportunity due: one_time, monthly or annual."),
            F("organization_id", Str, "Id of the Close organization."),
            F("phone", Str, "Missed call/voicemail: caller's number."),
            F("phone_formatted", Str, "Missed call/voicemail: caller's number as displayed."),
            F("phone_number_description", Str, "Description of the caller's number."),
            F("recording_url", Str, "Answered call: link to the recording."),
            F("remote_phone", Str, "SMS: sender's number."),
            F("remote_phone_description", Str, "SMS: description of the sender's number."),
            F("remote_phone_formatted", Str, "SMS: sender's number as displayed."),
            F("subject", Str, "Email tasks: the email's subject."),
            F("text", Str, "The task's text."),
            F("updated_by", Str, "Id of the user who last changed the task."),
            F("updated_by_name", Str, "Name of the user who last changed the task."),
            F("view", Str, "Inbox view the task belongs to."),
            F("voicemail_duration", Int, "Voicemail: length in seconds."),
            F("voicemail_url", Str, "Voicemail: link to the recording."),
        ],
        CreateReader = static () => new TasksReader(),
    };
}
