namespace Closeio.Core.Streams;

/// <summary>
/// The deletions stream: one record per object deleted or merged away, taken from the event log's
/// <c>deleted</c> and <c>merged</c> events. Close does not let the log be filtered on the action alone,
/// so the log is read as the event_log stream reads it (<see cref="EventLogReader"/>: date windows,
/// cursor pages, a re-scan of the last minutes with the ids seen there) and other events are dropped.
/// A record's id is its event's id, so a re-delivered record replaces itself. A merge is reported as
/// the source lead going away, with <c>merged_into</c> naming the destination (Close puts both in the
/// merged event's <c>meta</c>); where Close also logs the source lead's own <c>deleted</c> event, that
/// event is a second record for the same object. The event log keeps 30 days only: a run whose
/// bookmark is older warns that deletions in the gap may be missed.
/// </summary>
public static class DeletionsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "deletions",
        Description = "Objects deleted or merged away (from the event log; sync at least every 30 days).",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "event/",
        TypeName = "Closeio.Deletion",
        DefaultPageSize = EventCursorPager.MaxPageSize,
        RescanSpan = static tuning => tuning.EventLogRescan,
        Fields =
        [
            F("id", Str, "Id of the event that recorded the deletion or merge (ev_...)."),
            F("date_updated", Time, "When that event last changed."),
            F("object_type", Str, "Type of the object that went away (lead, contact, task.lead, activity.call, ...)."),
            F("object_id", Str, "Id of the object that went away (for a merge, the source lead)."),
            F("lead_id", Str, "Id of the lead the object belonged to, if any."),
            F("action", Str, "deleted or merged."),
            F("date", Time, "When the object was deleted or merged."),
            F("user_id", Str, "Id of the user who deleted or merged it, if known."),
            F("merged_into", Str, "For a merge: id of the lead the source lead was merged into."),
            F("request_id", Str, "Id of the API request that caused it (shared by the events of one merge)."),
            F("organization_id", Str, "Id of the Close organization."),
            F("previous_data", Obj, "The object as it was before (admins only, or events less than an hour old)."),
        ],
        CreateReader = static () => new EventLogReader(Select, WarnOfGap, CoveredExtra),
    };

    /// <summary>
    /// The bookmark Extra entry holding how far the log was read: deletions are rare, so the last
    /// record's date alone would make every run re-read the days since the last deletion.
    /// </summary>
    internal const string CoveredExtra = "covered";

    /// <summary>The record a deleted or merged event becomes; null for other events.</summary>
    internal static JsonElement? Select(JsonElement ev)
    {
        var action = Text(ev, "action");
        var merged = string.Equals(action, "merged", StringComparison.OrdinalIgnoreCase);
        if (!merged && !string.Equals(action, "deleted", StringComparison.OrdinalIgnoreCase)) return null;

        var objectId = Text(ev, "object_id");
        var leadId = Text(ev, "lead_id");
        string? mergedInto = null;
        if (merged)
        {
            // Close names both leads in meta; the event's own object is the destination.
            var meta = ev.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            mergedInto = (meta.ValueKind == JsonValueKind.Object ? Text(meta, "merge_destination_lead_id") : null) ?? objectId;
            var source = meta.ValueKind == JsonValueKind.Object ? Text(meta, "merge_source_lead_id") : null;
            objectId = source ?? objectId;
            leadId = source ?? leadId;
        }

        var record = new JsonObject
        {
            ["id"] = Copy(ev, "id"),
            ["date_updated"] = Copy(ev, "date_updated"),
            ["object_type"] = merged ? "lead" : Copy(ev, "object_type"),
            ["object_id"] = objectId,
            ["lead_id"] = leadId,
            ["action"] = merged ? "merged" : "deleted",
            ["date"] = Copy(ev, "date_created") ?? Copy(ev, "date_updated"),
            ["user_id"] = Copy(ev, "user_id"),
            ["merged_into"] = mergedInto,
            ["request_id"] = Copy(ev, "request_id"),
            ["organization_id"] = Copy(ev, "organization_id"),
            ["previous_data"] = Copy(ev, "previous_data"),
        };
        return JsonSerializer.SerializeToElement(record);
    }

    /// <summary>
    /// The gap warning: the bookmark (and its covered entry) says how far the last run read; the log no longer holds what
    /// happened between then and its oldest event. A first run (no bookmark) has nothing to compare.
    /// </summary>
    private static void WarnOfGap(StreamContext context, DateTimeOffset? lastCovered, DateTimeOffset oldest)
    {
        if (lastCovered is not { } covered)
        {
            context.Log($"deletions: the event log starts at {CloseTimestamp.Format(oldest)}; nothing older can be read");
            return;
        }

        context.Warn(
            $"Deletions were last read up to {CloseTimestamp.Format(covered)}, more than " +
            $"{context.Tuning.EventLogRetention.TotalDays:0} days ago, and the event log keeps only " +
            $"{context.Tuning.EventLogRetention.TotalDays:0} days: objects deleted or merged between " +
            $"{CloseTimestamp.Format(covered)} and {CloseTimestamp.Format(oldest)} may be missing from this stream. " +
            "To find them, re-sync the other streams in full (Reset-CloseioState, then Sync-CloseioStream) and " +
            "remove what no longer comes back; sync deletions at least every 30 days.");
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonNode? Copy(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? JsonNode.Parse(v.GetRawText()) : null;
}
