namespace Closeio.Core.Streams;

/// <summary>The event_log stream: Close's 30-day event log from <c>GET event/</c>, re-scanning a span before its bookmark (see <see cref="EventLogReader"/>).</summary>
public static class EventLogStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "event_log",
        Description = "Changes made in the organization (created, updated, deleted, merged), 30 days deep.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "event/",
        TypeName = "Closeio.Event",
        DefaultPageSize = EventCursorPager.MaxPageSize,
        RescanSpan = static tuning => tuning.EventLogRescan,
        Fields =
        [
            F("id", Str, "Event id (ev_...)."),
            F("date_updated", Time, "When the event last changed (events can be merged later)."),
            F("action", Str, "What happened: created, updated, deleted, merged, ..."),
            F("changed_fields", Arr, "Updates: names of the fields that changed."),
            F("data", Obj, "The object after the change, as the API would return it (admins only)."),
            F("date_created", Time, "When the event happened."),
            F("lead_id", Str, "Id of the related lead, if any."),
            F("meta", Obj, "Extra detail, such as the HTTP method and path of the request."),
            F("object_id", Str, "Id of the object that changed."),
            F("object_type", Str, "Type of the object that changed (lead, contact, activity.call, ...)."),
            F("organization_id", Str, "Id of the Close organization."),
            F("previous_data", Obj, "Updates: the changed fields' earlier values (admins only)."),
            F("request_id", Str, "Id of the API request that caused the event."),
            F("user_id", Str, "Id of the user who caused the event, if any."),
        ],
        CreateReader = static () => new EventLogReader(),
    };
}
