namespace Closeio.Core.Queries;

/// <summary>Close's activity types and the endpoint that lists each one.</summary>
public static class ActivityTypes
{
    private static readonly (string Type, string Path)[] Known =
    [
        ("Call", "activity/call/"),
        ("Created", "activity/created/"),
        ("Email", "activity/email/"),
        ("EmailThread", "activity/emailthread/"),
        ("LeadStatusChange", "activity/status_change/lead/"),
        ("Meeting", "activity/meeting/"),
        ("Note", "activity/note/"),
        ("OpportunityStatusChange", "activity/status_change/opportunity/"),
        ("SMS", "activity/sms/"),
        ("TaskCompleted", "activity/task_completed/"),
    ];

    /// <summary>The type names as Close writes them in <c>_type</c> (Call, Email, ...).</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(k => k.Type).ToArray();

    /// <summary>The endpoint of one type, matched ignoring case.</summary>
    /// <exception cref="ArgumentException">Not a Close activity type; the message lists the valid ones.</exception>
    public static string PathOf(string type)
    {
        foreach (var (name, path) in Known)
        {
            if (string.Equals(name, type?.Trim(), StringComparison.OrdinalIgnoreCase)) return path;
        }

        throw new ArgumentException($"'{type}' is not a Close activity type. Valid types: {string.Join(", ", Names)}.", nameof(type));
    }
}
