namespace Closeio.Core.Streams;

/// <summary>
/// The memberships stream: the memberships of the connected organization, from <c>GET organization/{id}/</c> (see <see cref="MembershipsReader"/>), a small table read whole each run; its objects carry <c>date_updated</c>, so only those changed since the bookmark are delivered (everything on a run without one).
/// </summary>
public static class MembershipsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "memberships",
        Description = "Memberships of users in the organization, with their roles; read whole, changed ones delivered.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "organization/{id}/",
        TypeName = "Closeio.Membership",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Membership id (memb_...)."),
            F("date_updated", Time, "When the membership last changed."),
            F("date_created", Time, "When the membership was created."),
            F("user_id", Str, "Id of the member."),
            F("user_full_name", Str, "The member's name."),
            F("user_email", Str, "The member's email address."),
            F("role_id", Str, "Id of the member's role."),
            F("organization_id", Str, "Id of the Close organization."),
        ],
        CreateReader = static () => new MembershipsReader(),
    };
}
