namespace Closeio.Core.Streams;

/// <summary>The users stream: <c>GET user/</c>, read whole each run (see <see cref="WholeTableReader"/>).</summary>
public static class UsersStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "users",
        Description = "Members of the organization.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "user/",
        TypeName = "Closeio.User",
        DefaultPageSize = 1000,
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
}
