namespace Closeio.Core.Streams;

/// <summary>
/// The calls stream: the Call activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class CallsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "calls",
        Type = "Call",
        TypeName = "Closeio.Call",
        Description = "Phone calls logged on leads: direction, duration, recording and voicemail.",
        Uses =
        [
            "dialer_id", "direction", "duration", "local_phone",
            "note", "phone", "recording_url", "remote_phone",
            "status", "transferred_from", "transferred_to", "voicemail_duration",
            "voicemail_url",
        ],
    }.Define();
}
