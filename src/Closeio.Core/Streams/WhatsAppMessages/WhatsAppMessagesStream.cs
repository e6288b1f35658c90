using static Closeio.Core.Streams.FieldTable;

namespace Closeio.Core.Streams;

/// <summary>
/// The whatsapp_messages stream: the WhatsAppMessage activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class WhatsAppMessagesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "whatsapp_messages",
        Type = "WhatsAppMessage",
        TypeName = "Closeio.WhatsAppMessage",
        Description = "WhatsApp messages exchanged with leads.",
        Uses =
        [
            "attachments", "direction", "local_phone", "remote_phone",
        ],
        Own =
        [
            F("external_whatsapp_message_id", Str, "WhatsApp's own id of the message."),
            F("message_markdown", Str, "The message, as Markdown."),
        ],
    }.Define();
}
