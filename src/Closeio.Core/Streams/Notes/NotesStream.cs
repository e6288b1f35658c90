using static Closeio.Core.Streams.FieldTable;

namespace Closeio.Core.Streams;

/// <summary>
/// The notes stream: the Note activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class NotesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "notes",
        Type = "Note",
        TypeName = "Closeio.Note",
        Description = "Notes written on leads.",
        Uses =
        [
            "attachments", "note",
        ],
        Own =
        [
            F("note_html", Str, "The note as HTML."),
        ],
    }.Define();
}
