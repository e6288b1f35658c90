using static Closeio.Core.Streams.FieldTable;

namespace Closeio.Core.Streams;

/// <summary>
/// The meetings stream: the Meeting activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class MeetingsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "meetings",
        Type = "Meeting",
        TypeName = "Closeio.Meeting",
        Description = "Calendar meetings with leads: title, start, end and notes.",
        Uses =
        [
            "duration", "note", "status",
        ],
        Own =
        [
            F("ends_at", Time, "When the meeting ends."),
            F("starts_at", Time, "When the meeting starts."),
            F("title", Str, "The meeting's title."),
        ],
    }.Define();
}
