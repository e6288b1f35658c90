using static Closeio.Core.Streams.FieldTable;

namespace Closeio.Core.Streams;

/// <summary>
/// The custom_activities stream: the CustomActivity activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class CustomActivitiesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "custom_activities",
        Type = "CustomActivity",
        TypeName = "Closeio.CustomActivity",
        Description = "Instances of the organization's custom activity types, with their custom values.",
        CustomFieldKinds = ["activity", "shared"],
        Uses =
        [
            "note", "status",
        ],
        Own =
        [
            F("custom_activity_type_id", Str, "Id of the custom activity type (actitype_...)."),
        ],
    }.Define();
}
