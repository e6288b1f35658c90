namespace Closeio.Core.Streams;

/// <summary>
/// The groups stream: the groups from <c>GET group/</c>, each with its members, which the list leaves out:
/// <see cref="GroupsReader"/> reads them from <c>group/{id}/</c>. A full-table stream, delivered whole
/// every run: Close documents no <c>date_updated</c> change when only a group's members change, so a
/// bookmark on it could miss a member added or removed. Organizations have few groups.
/// </summary>
public static class GroupsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "groups",
        Description = "Groups of users, each with its members; read whole each run.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.FullTable,
        Endpoint = "group/",
        TypeName = "Closeio.Group",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Group id (group_...)."),
            F("date_updated", Time, "When the group last changed."),
            F("date_created", Time, "When the group was created."),
            F("name", Str, "The group's name."),
            F("members", Arr, "The members: user_id of each."),
            F("organization_id", Str, "Id of the Close organization."),
        ],
        CreateReader = static () => new GroupsReader(),
    };
}
