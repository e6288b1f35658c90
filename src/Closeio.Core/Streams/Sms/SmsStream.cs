using static Closeio.Core.Streams.FieldTable;

namespace Closeio.Core.Streams;

/// <summary>
/// The sms stream: the SMS activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class SmsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "sms",
        Type = "SMS",
        TypeName = "Closeio.Sms",
        Description = "Text messages sent to and received from leads.",
        Uses =
        [
            "attachments", "date_scheduled", "date_sent", "direction",
            "local_phone", "remote_phone", "status", "template_id",
        ],
        Own =
        [
            F("text", Str, "The message."),
        ],
    }.Define();
}
