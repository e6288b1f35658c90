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
/// A custom object can be edited without its lead's <c>date_updated</c> moving. Close's event log names
/// such edits (<c>object_type</c> <c>custom_object</c>, <c>action</c> <c>created</c> or <c>updated</c>, a
/// combination it allows), so before the scan a run with a bookmark reads those events since the last
/// run and delivers the objects they name, each with its lead's current <c>date_updated</c>: older than
/// the bookmark, so they go out first and never move it back. The event log keeps 30 days, which the
/// deletions stream already asks users to respect.
/// </summary>
internal sealed class CustomObjectsReader : IStreamReader
{
    /// <summary>The record field holding the lead's date_updated.</summary>
    internal const string LeadKey = "lead_date_updated";

    /// <summary>The bookmark Extra entry: leads updated before it have had their custom objects delivered.</summary>
    internal const string CoveredExtra = "covered";

    /// <summary>The event log's object type of a custom object.</summary>
    private const string EventObjectType = "custom_object";

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var edited = await EditedSinceLastRunAsync(context, cancellationToken).ConfigureAwait(false);
        var admission = new RecordAdmission(context, (record, _) => edited.ContainsKey(record.Id));
        await DeliverEditedAsync(context, admission, edited, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The custom objects (id to lead id) the event log says were created or edited since the last run;
    /// none on a first run, which reads every lead anyway.
    /// </summary>
    private static async Task<Dictionary<string, string>> EditedSinceLastRunAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var edited = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Bookmark?.Value is null) return edited;
        var from = Resume(context);
        var oldest = context.UpperBound - context.Tuning.EventLogRetention;
        if (from < oldest) from = oldest;
        foreach (var action in new[] { "created", "updated" })
        {
            var pager = new EventCursorPager(context.Client,
            [
                new("object_type", EventObjectType), new("action", action),
                new("date_updated__gte", CloseTimestamp.FormatForFilter(from)),
                new("date_updated__lt", CloseTimestamp.FormatForFilter(context.UpperBound)),
            ]) { Counters = context.Counters };
            await foreach (var e in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ClosePage.OptionalString(e, "object_id") is { } id && ClosePage.OptionalString(e, "lead_id") is { } lead)
                    edited[id] = lead;
            }
        }

        return edited;
    }

    /// <summary>
    /// Reads the custom objects of the leads named by <paramref name="edited"/> and delivers those it names,
    /// each keyed by its lead's current <c>date_updated</c>, in key order. A lead or object gone since is skipped.
    /// </summary>
    private static async Task DeliverEditedAsync(StreamContext context, RecordAdmission admission,
        Dictionary<string, string> edited, CancellationToken cancellationToken)
    {
        if (edited.Count == 0) return;
        var items = new List<JsonElement>();
        foreach (var lead in edited.Values.Distinct(StringComparer.Ordinal))
        {
            DateTimeOffset leadUpdated;
            try
            {
                using var doc = await context.Client.SendAsync(new CloseRequest(HttpMethod.Get, $"lead/{Uri.EscapeDataString(lead)}/")
                {
                    Query = [new("_fields", "id,date_updated")],
                    Counters = context.Counters,
                }, cancellationToken).ConfigureAwait(false);
                if (StreamContext.ReadTime(doc.RootElement, "date_updated") is not { } t) continue;
                leadUpdated = t;
            }
            catch (CloseApiException e) when (e.Kind == CloseErrorKind.NotFound)
            {
                continue; // deleted or merged since: the deletions stream says so
            }

            var stamp = CloseTimestamp.Format(leadUpdated);
            await foreach (var item in ParentChildReader.ChildrenAsync(context, "lead_id", [lead], cancellationToken).ConfigureAwait(false))
            {
                if (ClosePage.OptionalString(item, "id") is not { } id || !edited.ContainsKey(id)) continue;
                if (JsonNode.Parse(item.GetRawText()) is not JsonObject o) continue;
                o[LeadKey] = stamp;
                items.Add(JsonSerializer.SerializeToElement(o));
            }
        }

        context.Log($"custom objects edited since the last run without their lead changing: {items.Count} of {edited.Count} named by the event log");
        await WindowBatch.EmitAsync(context, admission, items, cancellationToken).ConfigureAwait(false);
    }
}
