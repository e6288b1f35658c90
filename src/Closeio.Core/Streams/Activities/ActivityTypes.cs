namespace Closeio.Core.Streams;

/// <summary>Close's activity types and the endpoint that lists each one.</summary>
public static class ActivityTypes
{
    // Type as Close writes it in _type, its list endpoint, and the object_type its events carry in the
    // event log (activity.<type>, close-api.md). The combined activity/ also returns types not listed here.
    private static readonly (string Type, string Path, string EventObjectType)[] Known =
    [
        ("Call", "activity/call/", "activity.call"),
        ("Created", "activity/created/", "activity.created"),
        ("CustomActivity", "activity/custom/", "activity.custom_activity"),
        ("Email", "activity/email/", "activity.email"),
        ("EmailThread", "activity/emailthread/", "activity.email_thread"),
        ("FormSubmission", "activity/form_submission/", "activity.form_submission"),
        ("LeadMerge", "activity/lead_merge/", "activity.lead_merge"),
        ("LeadStatusChange", "activity/status_change/lead/", "activity.lead_status_change"),
        ("Meeting", "activity/meeting/", "activity.meeting"),
        ("Note", "activity/note/", "activity.note"),
        ("OpportunityStatusChange", "activity/status_change/opportunity/", "activity.opportunity_status_change"),
        ("SMS", "activity/sms/", "activity.sms"),
        ("TaskCompleted", "activity/task_completed/", "activity.task_completed"),
        ("WhatsAppMessage", "activity/whatsapp_message/", "activity.whatsapp_message"),
    ];

    /// <summary>The type names as Close writes them in <c>_type</c> (Call, Email, ...).</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(k => k.Type).ToArray();

    /// <summary>
    /// The event log's <c>object_type</c> of each documented type (<c>activity.call</c>, ...): the
    /// activities stream asks <c>event/</c> for the <c>updated</c> events of each, one query per type,
    /// since <c>object_type</c>+<c>action</c> is the combination Close allows.
    /// </summary>
    public static IReadOnlyList<string> EventObjectTypes { get; } = Known.Select(k => k.EventObjectType).ToArray();

    /// <summary>
    /// The event log's <c>object_type</c> of the type a per-type endpoint (<c>activity/call/</c>) lists;
    /// null for the combined <c>activity/</c> or an endpoint not listed here.
    /// </summary>
    public static string? EventObjectTypeOfPath(string path)
    {
        foreach (var (_, p, eventObjectType) in Known)
        {
            if (string.Equals(p, path, StringComparison.Ordinal)) return eventObjectType;
        }

        return null;
    }

    /// <summary>The endpoint of one type, matched ignoring case.</summary>
    /// <exception cref="ArgumentException">Not a Close activity type; the message lists the valid ones.</exception>
    public static string PathOf(string type)
    {
        foreach (var (name, path, _) in Known)
        {
            if (string.Equals(name, type?.Trim(), StringComparison.OrdinalIgnoreCase)) return path;
        }

        throw new ArgumentException($"'{type}' is not a Close activity type. Valid types: {string.Join(", ", Names)}.", nameof(type));
    }
}
