using Closeio.Sandbox;

namespace Closeio.Testing;

/// <summary>What a Sandbox organization holds now for each stream: what a full sync must return.</summary>
public static class SandboxContents
{
    /// <summary>Every custom-field kind the custom_fields stream reads.</summary>
    public static readonly string[] CustomFieldKinds = ["lead", "contact", "opportunity", "activity", "shared", "custom_object_type"];

    public static IEnumerable<SandboxItem> Items(SandboxOrganization org, string stream) => stream switch
    {
        "leads" => org.Leads(),
        "activities" => org.Activities(null, null),
        "tasks" => org.Tasks(),
        "users" => org.Users(),
        "custom_fields" => CustomFieldKinds.SelectMany(org.CustomFields),
        "event_log" => org.Events(),
        _ => throw new ArgumentException(stream),
    };

    /// <summary>The stream's replication-key value of an item: date_created for activities, else date_updated.</summary>
    public static DateTimeOffset Key(string stream, SandboxItem item) => stream == "activities" ? item.DateCreated : item.DateUpdated;

    /// <summary>Each item's id and replication-key value.</summary>
    public static IEnumerable<(string Id, DateTimeOffset Key)> Keys(SandboxOrganization org, string stream) =>
        Items(org, stream).Select(i => (i.Id, Key(stream, i)));
}
