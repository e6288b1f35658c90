namespace Closeio.Core.Streams;

/// <summary>
/// The roles stream: the roles from <c>GET role/</c>, a small table read whole each run; its objects carry <c>date_updated</c>, so only those changed since the bookmark are delivered (everything on a run without one).
/// </summary>
public static class RolesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "roles",
        Description = "Roles and their permissions; read whole, changed ones delivered.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "role/",
        TypeName = "Closeio.Role",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Role id (role_...)."),
            F("date_updated", Time, "When the role last changed."),
            F("date_created", Time, "When the role was created."),
            F("name", Str, "The role's name."),
            F("permissions", Arr, "The permissions the role grants."),
            F("organization_id", Str, "Id of the Close organization."),
        ],
    };
}
