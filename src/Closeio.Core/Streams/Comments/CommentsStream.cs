namespace Closeio.Core.Streams;

/// <summary>
/// The comments stream: Close lists comments only per thread or object, so each run reads
/// <c>comment_thread/</c> whole and then <c>comment/?thread_id=</c> for each thread (see
/// <see cref="ParentChildReader"/>). Comments carry <c>date_updated</c> (an edit moves it), so the
/// stream is incremental on it: everything is read, only what changed since the bookmark is delivered.
/// </summary>
public static class CommentsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "comments",
        Description = "Comments on activities and other objects, read per comment thread each run; delivers what changed.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "comment/",
        TypeName = "Closeio.Comment",
        // Read per parent (one request per comment thread on every run): a sync names it to get it.
        SyncedByDefault = false,
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Comment id (comm_...)."),
            F("date_updated", Time, "When the comment was last edited."),
            F("date_created", Time, "When the comment was written."),
            F("thread_id", Str, "Id of the comment thread."),
            F("object_id", Str, "Id of the object the thread is about (an activity, ...)."),
            F("lead_id", Str, "Id of the lead, if any."),
            F("body", Str, "The comment's text."),
            F("user_id", Str, "Id of the user who wrote it."),
            F("created_by", Str, "Id of the user who created it."),
            F("updated_by", Str, "Id of the user who last edited it."),
            F("organization_id", Str, "Id of the Close organization."),
        ],
        CreateReader = static () => new ParentChildReader("comment_thread/", "thread_id"),
    };
}
