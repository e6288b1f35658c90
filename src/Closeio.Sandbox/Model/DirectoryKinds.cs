namespace Closeio.Sandbox;

/// <summary>
/// The facts of each object kind beyond the seed streams: id prefix, the event log's object_type,
/// the list path, and whether the organization's changes may create, edit and delete it.
/// </summary>
internal sealed record DirectoryKind(SandboxResource Resource, string Prefix, string ObjectType, string Path, bool Editable);

internal static class DirectoryKinds
{
    public static readonly DirectoryKind[] All =
    [
        new(SandboxResource.LeadStatus, "stat_", "status.lead", "/status/lead/", true),
        new(SandboxResource.OpportunityStatus, "stat_", "status.opportunity", "/status/opportunity/", true),
        new(SandboxResource.Pipeline, "pipe_", "pipeline", "/pipeline/", false),
        new(SandboxResource.EmailTemplate, "tmpl_", "email_template", "/email_template/", true),
        new(SandboxResource.SmsTemplate, "smstmpl_", "sms_template", "/sms_template/", true),
        new(SandboxResource.Sequence, "seq_", "sequence", "/sequence/", true),
        new(SandboxResource.SequenceSubscription, "sub_", "sequence_subscription", "/sequence_subscription/", false),
        new(SandboxResource.CustomActivityType, "actitype_", "custom_activity_type", "/custom_activity/", false),
        new(SandboxResource.CustomObjectType, "cotype_", "custom_object_type", "/custom_object_type/", false),
        new(SandboxResource.CustomObject, "custobj_", "custom_object", "/custom_object/", false),
        new(SandboxResource.SavedSearch, "save_", "saved_search", "/saved_search/", true),
        new(SandboxResource.Role, "role_", "role", "/role/", false),
        new(SandboxResource.Group, "group_", "group", "/group/", false),
        new(SandboxResource.PhoneNumber, "phon_", "phone_number", "/phone_number/", false),
        new(SandboxResource.CommentThread, "cmth_", "comment_thread", "/comment_thread/", false),
        new(SandboxResource.Comment, "comm_", "comment", "/comment/", false),
    ];

    public static DirectoryKind Of(SandboxResource resource) =>
        Array.Find(All, k => k.Resource == resource) ?? throw new ArgumentOutOfRangeException(nameof(resource), resource, "Not a directory object kind.");

    public static bool IsDirectory(SandboxResource resource) => resource >= SandboxResource.LeadStatus;
}
