namespace Closeio.Core.Streams;

/// <summary>
/// Custom objects of the leads that changed: a <c>data/search/</c> scan of leads with
/// <c>date_updated</c> in [bookmark, upper bound) (ids and dates only, see <see cref="LeadScan"/>),
/// then <c>custom_object/?lead_id=</c> for each lead, page by page as the scan goes. Each record
/// carries its lead's <c>date_updated</c> as read by the scan, the stream's replication key, so the
/// records go out in the scan's order and the bookmark is the scan's position. Leads without custom
/// objects move no bookmark, so the bookmark's <see cref="CoveredExtra"/> entry keeps how far the scan
/// got (once what came before was accepted): the next run resumes there, not at the last lead that had
/// custom objects.
/// </summary>
internal sealed class CustomObjectsReader : IStreamReader
{
    /// <summary>The record field holding the lead's date_updated.</summary>
    internal const string LeadKey = "lead_date_updated";

    /// <summary>The bookmark Extra entry: leads updated before it have had their custom objects delivered.</summary>
    internal const string CoveredExtra = "covered";

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var admission = new RecordAdmission(context);
        var leadShaper = new RecordShaper(LeadsStream.Definition, [], ["id", "date_updated"]);
        var scan = new LeadScan(context.Client, leadShaper, LeadSearch.Fields(leadShaper, []),
            SearchPager.MaxPageSize, context.Tuning.SearchResultCap, context.Counters, context.Warn, context.Log);
        var from = TimeWindowScanner.Align(Resume(context));
        var leads = 0;
        await foreach (var batch in scan.ReadAsync(from, context.UpperBound, cancellationToken).ConfigureAwait(false))
        {
            var items = new List<JsonElement>();
            foreach (var (lead, _) in batch)
            {
                var stamp = CloseTimestamp.Format(lead.Key);
                await foreach (var item in ParentChildReader.ChildrenAsync(context, "lead_id", [lead.Id], cancellationToken).ConfigureAwait(false))
                {
                    if (JsonNode.Parse(item.GetRawText()) is not JsonObject o) continue;
                    o[LeadKey] = stamp;
                    items.Add(JsonSerializer.SerializeToElement(o));
                }
            }

            leads += batch.Count;
            await WindowBatch.EmitAsync(context, admission, items, cancellationToken).ConfigureAwait(false);
            // Leads at the batch's last instant may continue in the next batch: resume at it, not after.
            if (batch.Count > 0) context.SetExtraWhenAccepted(CoveredExtra, CloseTimestamp.Format(batch[^1].Record.Key));
            context.Progress($"custom objects of {leads} leads read from {CloseTimestamp.Format(from)}");
        }

        context.SetExtraWhenAccepted(CoveredExtra, CloseTimestamp.Format(context.UpperBound));
    }

    /// <summary>The later of the bookmark and the covered entry; the start date without a bookmark.</summary>
    private static DateTimeOffset Resume(StreamContext context)
    {
        var resume = context.ResumeFrom;
        if (context.Bookmark?.Value is not null && context.Bookmark.Extra.TryGetValue(CoveredExtra, out var text) &&
            CloseTimestamp.TryParse(text, out var covered) && covered > resume && covered <= context.UpperBound)
        {
            resume = covered;
        }

        return resume;
    }
}
