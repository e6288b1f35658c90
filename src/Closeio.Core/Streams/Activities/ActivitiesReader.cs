namespace Closeio.Core.Streams;

/// <summary>
/// Activities: <c>GET activity/</c> in <c>date_created</c> windows. Close has no <c>date_updated</c>
/// filter for activities, so each run re-reads a look-back before the bookmark; of that region it
/// delivers only the activities edited since the watermark (the upper bound, less the Date header's
/// one-second resolution, of the last run that delivered its whole look-back), so edits come back
/// without every old activity repeating. The watermark only speaks for the region that run re-read
/// (from its look-back start, kept beside it): an activity older than that, met by a wider look-back,
/// is delivered whatever its <c>date_updated</c>.
/// An edit older than any look-back (a recording added a day later, a note corrected next week) is
/// caught by <see cref="ActivityEdits"/>: on every run with a bookmark, the event log's activity
/// <c>updated</c> events since the last run name the activities to read again by id, so the look-back
/// can shrink, down to zero.
/// </summary>
internal sealed class ActivitiesReader : IStreamReader
{
    /// <summary>The bookmark Extra entry that holds the watermark.</summary>
    public const string WatermarkKey = "watermark";

    /// <summary>
    /// The bookmark Extra entry with the start (<c>date_created</c>) of the region the watermark's run re-read;
    /// absent after a first run, whose watermark covers everything since the start date.
    /// </summary>
    public const string WatermarkFromKey = "watermark_from";

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var bookmark = context.Bookmark?.Value;
        DateTimeOffset? watermark = context.Bookmark?.Extra.TryGetValue(WatermarkKey, out var text) == true &&
                                    CloseTimestamp.TryParse(text, out var w)
            ? w
            : null;
        DateTimeOffset? watermarkFrom = context.Bookmark?.Extra.TryGetValue(WatermarkFromKey, out var fromText) == true &&
                                        CloseTimestamp.TryParse(fromText, out var f)
            ? f
            : null;

        // Without a watermark (a bookmark imported from tap-closeio) every look-back record is repeated:
        // at least once beats a silent gap.
        // Below the region the watermark's run re-read (a wider look-back now) the watermark says nothing.
        HashSet<(string, DateTimeOffset)>? editedRecently = null; // set during the edit pass only
        // Activities delivered at a version the next run's edit pass will meet again in its re-scan span.
        var recentlyGiven = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var admission = new RecordAdmission(context, (record, raw) => editedRecently is { } recent
            ? StreamContext.ReadTime(raw, "date_updated") is not { } u || !recent.Contains((record.Id, u))
            : watermark is not { } mark || (watermarkFrom is { } covered && record.Key < covered) ||
              StreamContext.ReadTime(raw, "date_updated") is not { } updated || updated > mark);
        var newWatermark = CloseTimestamp.Format(context.Watermark ?? context.UpperBound - TimeSpan.FromSeconds(1));
        var from = bookmark is { } b ? b - context.LookBack : context.StartDate;
        if (bookmark is null)
        {
            // A first run reads every activity as it is now: the edits before it need no event.
            context.SetExtraWhenAccepted(WatermarkKey, newWatermark);
            context.SetExtraWhenAccepted(ActivityEdits.ThroughKey, CloseTimestamp.Format(context.UpperBound));
        }
        else
        {
            editedRecently = ActivityEdits.DecodeRecent(context.Bookmark!.Extra.GetValueOrDefault(ActivityEdits.RecentKey));
            await ReadEditsAsync(context, admission, watermark, editedRecently, recentlyGiven, cancellationToken).ConfigureAwait(false);
            editedRecently = null;
        }

        var lookBackDone = bookmark is null;
        var scanner = new TimeWindowScanner(context, context.Definition.Endpoint, "date_created", [], "date_updated");
        var nextRescan = context.UpperBound - context.Tuning.EventLogRescan;
        await scanner.ScanAsync(from, context.UpperBound, async (items, _, hi, ct) =>
        {
            // An activity edited in the last minutes is delivered here, and its edit event is read again
            // by the next run's edit pass: that run must know this version was delivered.
            foreach (var item in items)
            {
                if (StreamContext.ReadTime(item, "date_updated") is { } u && u >= nextRescan && u < context.UpperBound &&
                    item.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String)
                    recentlyGiven[id.GetString()!] = u;
            }

            await WindowBatch.EmitAsync(context, admission, items, ct).ConfigureAwait(false);
            if (!lookBackDone && hi >= bookmark)
            {
                // Everything before the bookmark has been handed over: once accepted, the watermark moves.
                lookBackDone = true;
                context.SetExtraWhenAccepted(WatermarkKey, newWatermark);
                context.SetExtraWhenAccepted(WatermarkFromKey, CloseTimestamp.Format(TimeWindowScanner.Align(from)));
            }
        }, cancellationToken).ConfigureAwait(false);
        context.SetExtraWhenAccepted(ActivityEdits.RecentKey, ActivityEdits.EncodeRecent(recentlyGiven));
    }
    /// <summary>
    /// Delivers the activities edited since the last edit pass (less the event log's re-scan span, since
    /// events are consolidated later), read again by id; then records, once they are accepted, how far
    /// the event log was read and which activities this pass delivered within the next pass's re-scan.
    /// </summary>
    private static async Task ReadEditsAsync(StreamContext context, RecordAdmission admission, DateTimeOffset? watermark,
        HashSet<(string, DateTimeOffset)> editedRecently, Dictionary<string, DateTimeOffset> delivered,
        CancellationToken cancellationToken)
    {
        var extra = context.Bookmark!.Extra;
        // A bookmark from before edit passes (or imported) says how far its run saw through its watermark, if at all.
        DateTimeOffset? through = extra.TryGetValue(ActivityEdits.ThroughKey, out var t) && CloseTimestamp.TryParse(t, out var th)
            ? th
            : watermark;
        var rescan = context.Tuning.EventLogRescan;
        var oldest = context.UpperBound - context.Tuning.EventLogRetention;
        var since = (through ?? context.Bookmark.Value ?? context.StartDate) - rescan;
        if (since < oldest)
        {
            context.Warn($"the last run that read the event log's activity edits was {ActivityEdits.Describe(context.UpperBound - since)} ago, " +
                         $"longer than the {ActivityEdits.Describe(context.Tuning.EventLogRetention)} Close keeps events; activities edited " +
                         $"before {CloseTimestamp.Format(oldest)} come back only if the look-back reaches them. Sync activities at least every 30 days.");
            since = oldest;
        }

        var edits = new ActivityEdits(context);
        var edited = await edits.ReadEditedAsync(since, context.UpperBound, cancellationToken).ConfigureAwait(false);
        if (edited.Count > 0)
        {
            var items = await edits.ReadByIdAsync(edited.Keys, cancellationToken).ConfigureAwait(false);
            context.Log($"{context.Definition.Name}: {edited.Count} edited since {CloseTimestamp.Format(since)} by the event log, {items.Count} still there.");
            var records = new List<Record>();
            var nextRescan = context.UpperBound - rescan;
            foreach (var item in items)
            {
                var record = context.Shaper.Shape(item);
                // From the bookmark on, the window scan reads every activity as it is now; handing one of
                // those out here, ahead of the scan, could let an interrupted run's bookmark pass the rest.
                if (record.Key >= context.Bookmark.Value) continue;
                var updated = StreamContext.ReadTime(item, "date_updated");
                var given = admission.Admit(record, item);
                if (given) records.Add(record);
                // What this pass or the last one delivered, and the next pass will meet again in its re-scan.
                if (updated is { } u && (given || editedRecently.Contains((record.Id, u))) &&
                    edited.TryGetValue(record.Id, out var at) && at >= nextRescan)
                    delivered[record.Id] = u;
            }

            records.Sort(WindowBatch.Order);
            if (records.Count > 0) await context.Emit(records, cancellationToken).ConfigureAwait(false);
        }

        context.SetExtraWhenAccepted(ActivityEdits.ThroughKey, CloseTimestamp.Format(context.UpperBound));
        context.SetExtraWhenAccepted(ActivityEdits.RecentKey, ActivityEdits.EncodeRecent(delivered));
    }
}
