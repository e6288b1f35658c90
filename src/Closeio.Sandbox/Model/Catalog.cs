namespace Closeio.Sandbox;

/// <summary>The fixed vocabularies of Close: activity and task types, custom field kinds and types, statuses.</summary>
internal static class Catalog
{
    /// <summary>Activity `_type` values; the index is the stored type code.</summary>
    public static readonly string[] ActivityTypes =
    [
        "Call", "Email", "EmailThread", "Note", "SMS", "Meeting",
        "LeadStatusChange", "OpportunityStatusChange", "TaskCompleted", "Created",
        // Types many clients do not know yet: the combined /activity/ returns them too.
        "LeadMerge", "WhatsAppMessage", "FormSubmission", "CustomActivity",
    ];

    /// <summary>Event log object_type of each activity type (same order as <see cref="ActivityTypes"/>).</summary>
    public static readonly string[] ActivityObjectTypes =
    [
        "activity.call", "activity.email", "activity.email_thread", "activity.note", "activity.sms", "activity.meeting",
        "activity.lead_status_change", "activity.opportunity_status_change", "activity.task_completed", "activity.created",
        "activity.lead_merge", "activity.whatsapp_message", "activity.form_submission", "activity.custom_activity",
    ];

    // Relative frequencies of the first ten activity types in a generated organization (calls, emails and
    // notes dominate); the later types replace a few of them (see generation), so earlier seeds keep their draws.
    public static readonly int[] ActivityWeights = [22, 22, 10, 14, 8, 5, 6, 4, 5, 4];

    public const int Call = 0, Email = 1, EmailThread = 2, Note = 3, Sms = 4, Meeting = 5,
        LeadStatusChange = 6, OpportunityStatusChange = 7, TaskCompleted = 8, Created = 9,
        LeadMerge = 10, WhatsAppMessage = 11, FormSubmission = 12, CustomActivity = 13;

    /// <summary>How many activity types the weights (and the first activities of a generation) cover.</summary>
    public const int WeightedActivityTypes = 10;

    /// <summary>Task `_type` values; the index is the stored type code.</summary>
    public static readonly string[] TaskTypes =
    [
        "lead", "incoming_email", "email_followup", "missed_call",
        "answered_detached_call", "voicemail", "opportunity_due", "incoming_sms", "outgoing_call",
    ];

    // Weights of the first eight task types; outgoing_call replaces some lead tasks (see generation).
    public static readonly int[] TaskWeights = [40, 12, 10, 10, 6, 8, 8, 6];

    public const int TaskLead = 0, TaskIncomingEmail = 1, TaskEmailFollowup = 2, TaskMissedCall = 3,
        TaskAnsweredDetachedCall = 4, TaskVoicemail = 5, TaskOpportunityDue = 6, TaskIncomingSms = 7, TaskOutgoingCall = 8;

    /// <summary>How many task types the weights (and the first tasks of a generation) cover.</summary>
    public const int WeightedTaskTypes = 8;

    /// <summary>The activity type a task's object_id points at (-1: an opportunity or nothing).</summary>
    public static readonly int[] TaskObjectActivity = [-1, EmailThread, EmailThread, Call, Call, Call, -1, Sms, -1];

    /// <summary>The task object_type values (Close's lower-case names).</summary>
    public static readonly string?[] TaskObjectTypes = [null, "emailthread", "emailthread", "call", "call", "call", "opportunity", "sms", null];

    /// <summary>Custom field kinds; the last, custom objects' fields, is generated apart (see generation).</summary>
    public static readonly string[] CustomFieldKinds = ["lead", "contact", "opportunity", "activity", "shared", "custom_object_type"];

    public const int CustomObjectTypeKind = 5;

    public static readonly string[] CustomFieldTypes = ["text", "number", "date", "datetime", "choices", "user", "hidden"];

    public const int CfText = 0, CfNumber = 1, CfDate = 2, CfDateTime = 3, CfChoices = 4, CfUser = 5, CfHidden = 6;

    public static readonly (string Label, string Type)[] LeadStatuses =
        [("Potential", "active"), ("Bad Fit", "active"), ("Qualified", "active"), ("Customer", "active"), ("Churned", "active")];

    public static readonly (string Label, string Type)[] OpportunityStatuses =
        [("Active", "active"), ("Demo Scheduled", "active"), ("Won", "won"), ("Lost", "lost")];

    public static int ActivityType(string? name)
    {
        if (name is null) return -1;
        for (var i = 0; i < ActivityTypes.Length; i++)
            if (string.Equals(ActivityTypes[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -2;
    }

    public static int TaskType(string? name)
    {
        if (name is null) return -1;
        return Array.FindIndex(TaskTypes, t => string.Equals(t, name, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : -2;
    }

    public static int Kind(string kind)
    {
        var i = Array.FindIndex(CustomFieldKinds, k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase));
        if (i < 0) throw new ArgumentException($"Unknown custom field kind '{kind}'.", nameof(kind));
        return i;
    }

    /// <summary>Index of a weighted pick.</summary>
    public static int Weighted(ref Mix mix, int[] weights)
    {
        var total = 0;
        foreach (var w in weights) total += w;
        var r = mix.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            if (r < weights[i]) return i;
            r -= weights[i];
        }
        return weights.Length - 1;
    }
}
