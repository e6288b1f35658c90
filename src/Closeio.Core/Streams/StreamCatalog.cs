namespace Closeio.Core.Streams;

/// <summary>
/// The six streams the module replicates, with the fields each must carry at least (Stitch's
/// tap-closeio tables). Field order is the column order: <c>id</c>, the replication key, then the
/// rest as Stitch lists them.
/// </summary>
public static class StreamCatalog
{
    /// <summary>
    /// The custom field kinds Close serves under <c>custom_field/{kind}/</c>, custom objects' fields
    /// included; a kind an organization's plan lacks (404) has no fields.
    /// </summary>
    public static IReadOnlyList<string> CustomFieldEndpointKinds { get; } =
        ["lead", "contact", "opportunity", "activity", "shared", "custom_object_type"];

    /// <summary>All streams, in the order a full sync runs them.</summary>
    public static IReadOnlyList<StreamDefinition> All { get; } =
    [
        Leads(), Activities(), Tasks(), Users(), CustomFields(), EventLog(),
    ];

    /// <summary>The names of all streams.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

    /// <summary>The stream called <paramref name="name"/>, ignoring case.</summary>
    /// <exception cref="ArgumentException">No stream has that name; the message lists the valid ones.</exception>
    public static StreamDefinition Get(string name)
    {
        if (TryGet(name, out var stream))
            return stream;
        throw new ArgumentException(
            $"'{name}' is not a Close stream. Valid streams: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Looks a stream up by name, ignoring case.</summary>
    public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StreamDefinition? stream)
    {
        stream = All.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return stream is not null;
    }

    // Short aliases keep the field tables below readable, one field per line.
    private const string Str = StreamFieldType.String;
    private const string Time = StreamFieldType.DateTime;
    private const string Int = StreamFieldType.Integer;
    private const string Bool = StreamFieldType.Boolean;
    private const string Arr = StreamFieldType.Array;
    private const string Obj = StreamFieldType.Object;

    private static StreamField F(string name, string type, string description) => new(name, type, description);

    private static StreamDefinition Leads() => new()
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
    };

    private static StreamDefinition Activities() => new()
    {
        Name = "activities",
        Description = "Calls, emails, notes, SMS, status changes and other activities logged on leads.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.AppendOnlyIncremental,
        ReplicationKey = "date_created",
        Endpoint = "activity/",
        TypeName = "Closeio.Activity",
        CustomFieldKinds = ["activity", "shared"],
        CustomFieldKindsRead = ["activity", "shared"],
        Fields =
        [
            F("id", Str, "Activity id (acti_...)."),
            F("date_created", Time, "When the activity was created."),
            F("_type", Str, "Kind of activity: Call, Email, EmailThread, Note, SMS, Meeting, LeadStatusChange, WhatsAppMessage, CustomActivity, ... (types Close adds later come through too)."),
            F("attachments", Arr, "Files attached: filename, content_type, size, url, content_id."),
            F("bcc", Arr, "Email: blind-copied addresses."),
            F("body_html", Str, "Email: HTML body."),
            F("body_html_quoted", Arr, "Email: HTML body split into quoted and unquoted parts."),
            F("body_preview", Str, "Short preview of the body."),
            F("body_text", Str, "Email: plain-text body."),
            F("body_text_quoted", Arr, "Email: text body split into quoted and unquoted parts."),
            F("cc", Arr, "Email: copied addresses."),
            F("contact_id", Str, "Id of the contact involved."),
            F("created_by", Str, "Id of the user who created the activity."),
            F("created_by_name", Str, "Name of the user who created the activity."),
            F("date_scheduled", Time, "Email: when sending is scheduled."),
            F("date_sent", Time, "Email: when it was sent."),
            F("date_updated", Time, "When the activity last changed."),
            F("dialer_id", Str, "Call: id of the dialer session that placed the call."),
            F("direction", Str, "inbound/outbound (calls, SMS) or incoming/outgoing (email)."),
            F("duration", Int, "Call: length in seconds."),
            F("email_account_id", Str, "Email: id of the connected email account."),
            F("envelope", Obj, "Email: headers (from, to, cc, bcc, sender, reply_to, subject, date, message ids)."),
            F("import_id", Str, "Id of the import that created the activity, if any."),
            F("in_reply_to_id", Str, "Email: id of the email this one answers."),
            F("lead_id", Str, "Id of the lead the activity belongs to."),
            F("local_phone", Str, "Call/SMS: the organization's number."),
            F("message_ids", Arr, "Email: message ids of the thread."),
            F("need_smtp_credentials", Bool, "Email: whether sending waits for SMTP credentials."),
            F("new_status_id", Str, "Status change: id of the new status."),
            F("new_status_label", Str, "Status change: label of the new status."),
            F("new_status_type", Str, "Status change: type of the new status."),
            F("note", Str, "Note or call note text."),
            F("old_status_id", Str, "Status change: id of the previous status."),
            F("old_status_label", Str, "Status change: label of the previous status."),
            F("old_status_type", Str, "Status change: type of the previous status."),
            F("opens", Arr, "Email: each open with time, IP address, user agent and opener."),
            F("opens_summary", Str, "Email: summary of opens."),
            F("opportunity_confidence", Int, "Opportunity status change: confidence in percent."),
            F("opportunity_date_won", Str, "Opportunity status change: date won."),
            F("opportunity_id", Str, "Opportunity status change: the opportunity's id."),
            F("opportunity_value", Int, "Opportunity status change: value in cents."),
            F("opportunity_value_currency", Str, "Opportunity status change: currency code."),
            F("opportunity_value_formatted", Str, "Opportunity status change: value as displayed."),
            F("opportunity_value_period", Str, "Opportunity status change: one_time, monthly or annual."),
            F("organization_id", Str, "Id of the Close organization."),
            F("phone", Str, "Call: the other party's number."),
            F("recording_url", Str, "Call: link to the recording."),
            F("references", Arr, "Email: ids from the References header."),
            F("remote_phone", Str, "Call/SMS: the other party's number."),
            F("send_attempts", Arr, "Email: sending attempts with date and error."),
            F("sender", Str, "Email: sending address."),
            F("source", Str, "Where the activity came from."),
            F("status", Str, "Email/SMS state (inbox, draft, scheduled, sent, ...)."),
            F("subject", Str, "Email: subject line."),
            F("task_assigned_to", Str, "Task completed: id of the assignee."),
            F("task_assigned_to_name", Str, "Task completed: name of the assignee."),
            F("task_id", Str, "Task completed: the task's id."),
            F("task_text", Str, "Task completed: the task's text."),
            F("template_id", Str, "Email: id of the template used."),
            F("template_name", Str, "Email: name of the template used."),
            F("thread_id", Str, "Email: id of the thread."),
            F("to", Arr, "Email: recipient addresses."),
            F("transferred_from", Str, "Call: user the call came from on transfer."),
            F("transferred_to", Str, "Call: user the call went to on transfer."),
            F("updated_by", Str, "Id of the user who last changed the activity."),
            F("updated_by_name", Str, "Name of the user who last changed the activity."),
            F("user_id", Str, "Id of the user the activity belongs to."),
            F("user_name", Str, "Name of the user the activity belongs to."),
            F("users", Arr, "Created activity: users involved."),
            F("voicemail_duration", Int, "Call: voicemail length in seconds."),
            F("voicemail_url", Str, "Call: link to the voicemail."),
        ],
    };

    private static StreamDefinition Tasks() => new()
    {
        Name = "tasks",
        Description = "To-dos assigned to users: lead tasks, follow-ups, missed calls, voicemails and more.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "task/",
        TypeName = "Closeio.Task",
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
    };

    private static StreamDefinition Users() => new()
    {
        Name = "users",
        Description = "Members of the organization.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "user/",
        TypeName = "Closeio.User",
        Fields =
        [
            F("id", Str, "User id (user_...)."),
            F("date_updated", Time, "When the user last changed."),
            F("date_created", Time, "When the user was created."),
            F("email", Str, "The user's email address."),
            F("first_name", Str, "Given name."),
            F("image", Str, "Link to the avatar."),
            F("last_name", Str, "Family name."),
            F("last_used_timezone", Str, "Time zone the user last worked in."),
            F("organizations", Arr, "Ids of the organizations the user belongs to."),
        ],
    };

    private static StreamDefinition CustomFields() => new()
    {
        Name = "custom_fields",
        Description = "Custom field definitions of every kind (lead, contact, opportunity, activity, shared, custom_object_type).",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "custom_field/{kind}/",
        TypeName = "Closeio.CustomField",
        CustomFieldKindsRead = CustomFieldEndpointKinds,
        Fields =
        [
            F("id", Str, "Custom field id (cf_...)."),
            F("date_updated", Time, "When the definition last changed."),
            F("choices", Arr, "Allowed values of a choices field."),
            F("created_by", Str, "Id of the user who created the field."),
            F("date_created", Time, "When the field was created."),
            F("editable_with_roles", Arr, "Roles allowed to edit values of the field."),
            F("name", Str, "The field's name, which is also its column name on records."),
            F("organization_id", Str, "Id of the Close organization."),
            F("type", Str, "Value type: text, number, date, datetime, choices, user, contact, hidden."),
            F("updated_by", Str, "Id of the user who last changed the field."),
            F("description", Str, "Help text of the field."),
            F("accepts_multiple_values", Bool, "Whether a record can hold several values."),
            F("is_shared", Bool, "Whether the field is a shared field."),
            F("associations", Arr, "Shared fields: the object types the field is attached to."),
            F("kind", Str, "Which custom_field/{kind}/ endpoint the definition came from."),
        ],
    };

    private static StreamDefinition EventLog() => new()
    {
        Name = "event_log",
        Description = "Changes made in the organization (created, updated, deleted, merged), 30 days deep.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "event/",
        TypeName = "Closeio.Event",
        Fields =
        [
            F("id", Str, "Event id (ev_...)."),
            F("date_updated", Time, "When the event last changed (events can be merged later)."),
            F("action", Str, "What happened: created, updated, deleted, merged, ..."),
            F("changed_fields", Arr, "Updates: names of the fields that changed."),
            F("data", Obj, "The object after the change, as the API would return it (admins only)."),
            F("date_created", Time, "When the event happened."),
            F("lead_id", Str, "Id of the related lead, if any."),
            F("meta", Obj, "Extra detail, such as the HTTP method and path of the request."),
            F("object_id", Str, "Id of the object that changed."),
            F("object_type", Str, "Type of the object that changed (lead, contact, activity.call, ...)."),
            F("organization_id", Str, "Id of the Close organization."),
            F("previous_data", Obj, "Updates: the changed fields' earlier values (admins only)."),
            F("request_id", Str, "Id of the API request that caused the event."),
            F("user_id", Str, "Id of the user who caused the event, if any."),
        ],
    };
}
