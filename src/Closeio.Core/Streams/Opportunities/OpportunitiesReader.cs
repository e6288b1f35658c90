namespace Closeio.Core.Streams;

/// <summary>
/// Opportunities: <c>GET opportunity/</c> in <c>date_updated</c> windows from the bookmark to the run's
/// upper bound (Close documents <c>date_updated__gte/__lt</c> and <c>_order_by=date_updated</c> there).
/// Every answer is checked against its window: a server that ignored the filter would otherwise hand
/// out records the bookmark could pass, so the run stops with the reason instead.
/// </summary>
internal sealed class OpportunitiesReader : IStreamReader
{
    public Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var admission = new RecordAdmission(context);
        var scanner = new TimeWindowScanner(context, context.Definition.Endpoint, "date_updated", context.Definition.ListQuery)
        {
            VerifyWindows = true,
        };
        return scanner.ScanAsync(context.ResumeFrom, context.UpperBound,
            (items, _, _, ct) => WindowBatch.EmitAsync(context, admission, items, ct), cancellationToken);
    }
}
