using Closeio.Core.Records;

namespace Closeio.Core.Streams;

/// <summary>
/// Activities: <c>GET activity/</c> in <c>date_created</c> windows. Close has no <c>date_updated</c>
/// filter for activities, so each run re-reads a look-back before the bookmark; of that region it
/// delivers only the activities edited since the watermark (the upper bound, less the Date header's
/// one-second resolution, of the last run that delivered its whole look-back), so edits come back
/// without every old activity repeating. The watermark only speaks for the region that run re-read
/// (from its look-back start, kept beside it): an activity older than that, met by a wider look-back,
/// is delivered whatever its <c>date_updated</c>.
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
        var admission = new RecordAdmission(context, (record, raw) =>
            watermark is not { } mark || (watermarkFrom is { } covered && record.Key < covered) ||
            StreamContext.ReadTime(raw, "date_updated") is not { } updated || updated > mark);
        var newWatermark = CloseTimestamp.Format(context.Watermark ?? context.UpperBound - TimeSpan.FromSeconds(1));
        var from = bookmark is { } b ? b - context.LookBack : context.StartDate;
        if (bookmark is null) context.SetExtraWhenAccepted(WatermarkKey, newWatermark);

        var lookBackDone = bookmark is null;
        var scanner = new TimeWindowScanner(context, "activity/", "date_created", [], "date_updated");
        await scanner.ScanAsync(from, context.UpperBound, async (items, _, hi, ct) =>
        {
            await WindowBatch.EmitAsync(context, admission, items, ct).ConfigureAwait(false);
            if (!lookBackDone && hi >= bookmark)
            {
                // Everything before the bookmark has been handed over: once accepted, the watermark moves.
                lookBackDone = true;
                context.SetExtraWhenAccepted(WatermarkKey, newWatermark);
                context.SetExtraWhenAccepted(WatermarkFromKey, CloseTimestamp.Format(TimeWindowScanner.Align(from)));
            }
        }, cancellationToken).ConfigureAwait(false);
    }
}
