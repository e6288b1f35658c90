namespace Closeio.Core.Streams;

/// <summary>
/// Tasks: <c>GET task/</c> with <c>_type=all</c> (without it Close returns only lead tasks, the
/// defect of tap-closeio), in <c>date_updated</c> windows from the bookmark to the run's upper bound.
/// </summary>
internal sealed class TasksReader : IStreamReader
{
    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var admission = new RecordAdmission(context);
        var scanner = new TimeWindowScanner(context, "task/", "date_updated", [new("_type", "all")]);
        await scanner.ScanAsync(context.ResumeFrom, context.UpperBound,
            (items, _, _, ct) => WindowBatch.EmitAsync(context, admission, items, ct),
            cancellationToken).ConfigureAwait(false);
    }
}
