using static Closeio.Core.Streams.FieldTable;

namespace Closeio.Core.Streams;

/// <summary>
/// The email_threads stream: the EmailThread activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class EmailThreadsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "email_threads",
        Type = "EmailThread",
        TypeName = "Closeio.EmailThread",
        Description = "Email conversations on leads: subject, preview and size of each thread.",
        Uses =
        [
            "body_preview", "subject",
        ],
        Own =
        [
            F("n_emails", Int, "Number of emails in the thread."),
        ],
    }.Define();
}
