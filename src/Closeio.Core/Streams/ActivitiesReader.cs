using Closeio.Core.Records;

namespace Closeio.Core.Streams;

/// <summary>
/// Activities: <c>GET activity/</c> in <c>date_created</c> windows. Close has no <c>date_updated</c>
/// filter for activities, so each run re-reads a look-back before the bookmark; of that region it
/// delivers only the activities edited since the watermark (the upper bound, less the Date header's
/// one-second resolution, of the last run that delivered its whole look-back), so edits come back
/// without every old activity repeating.
/// </summary>
internal sealed class ActivitiesReader : IStreamReader
{
    /// <summary>The bookmark Extra entry that holds the watermark.</summary>
    public const string WatermarkKey = "watermark";

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var bookmark = context.Bookmark?.Value;
        DateTimeOffset? watermark = context.Bookmark?.Extra.TryGetValue(WatermarkKey, out var text) == true &&
                                    CloseTimestamp.TryParse(text, out var w)
            ? w
            : null;

        // Without a watermark (a bookmark imported from tap-closeio) every look-back record is repeated:
        // at least once beats a silent gap.
        var admission = new RecordAdmission(context, (_, raw) =>
            watermark is not { } mark || StreamContext.ReadTime(raw, "date_updated") is not { } updated || updated > mark);
        var newWatermark = CloseTimestamp.Format(context.UpperBound - TimeSpan.FromSeconds(1));
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
            }
        }, cancellationToken).ConfigureAwait(false);
    }
}
