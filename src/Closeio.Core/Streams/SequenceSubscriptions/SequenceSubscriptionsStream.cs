namespace Closeio.Core.Streams;

/// <summary>
/// The sequence_subscriptions stream: Close lists subscriptions only per sequence, contact or lead,
/// so each run reads <c>sequence/</c> whole and then <c>sequence_subscription/?sequence_id=</c> for
/// each sequence (see <see cref="ParentChildReader"/>). Subscriptions carry <c>date_updated</c> (a
/// pause, a resume, a finish moves it), so the stream is incremental on it: everything is read, only
/// what changed since the bookmark is delivered.
/// </summary>
public static class SequenceSubscriptionsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "sequence_subscriptions",
        Description = "Contacts subscribed to sequences, read per sequence each run; delivers what changed.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "sequence_subscription/",
        TypeName = "Closeio.SequenceSubscription",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Subscription id (sub_...)."),
            F("date_updated", Time, "When the subscription last changed."),
            F("date_created", Time, "When the contact was subscribed."),
            F("sequence_id", Str, "Id of the sequence."),
            F("contact_id", Str, "Id of the subscribed contact."),
            F("lead_id", Str, "Id of the contact's lead."),
            F("status", Str, "active, paused, finished, ..."),
            F("sender_account_id", Str, "Id of the email account the sequence sends from."),
            F("sender_name", Str, "Sender name of the sequence's emails."),
            F("sender_email", Str, "Sender address of the sequence's emails."),
            F("created_by", Str, "Id of the user who subscribed the contact."),
            F("updated_by", Str, "Id of the user who last changed the subscription."),
            F("organization_id", Str, "Id of the Close organization."),
        ],
        CreateReader = static () => new ParentChildReader("sequence/", "sequence_id"),
    };
}
