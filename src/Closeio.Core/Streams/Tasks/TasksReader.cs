namespace Closeio.Core.Streams;

/// <summary>
/// Tasks: <c>GET task/</c> with <c>_type=all</c> (without it Close returns only lead tasks, the
/// defect of tap-closeio), in <c>date_updated</c> windows from the bookmark to the run's upper bound.
/// Close documents <c>date_updated__*</c> on tasks only in its OpenAPI description; a server that
/// ignores it answers a window with tasks outside it. Then the stream says so and falls back to what
/// Close's prose documents: every task, in <c>date_created</c> windows, keeping those whose
/// <c>date_updated</c> is in range. That reads every task on every run (one request per page of 1,000),
/// but no changed task can be missed.
/// </summary>
internal sealed class TasksReader : IStreamReader
{
    /// <summary>Where the fallback's <c>date_created</c> scan starts: before Close (2013) had any task.</summary>
    internal static readonly DateTimeOffset Epoch = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var admission = new RecordAdmission(context);
        var scanner = new TimeWindowScanner(context, context.Definition.Endpoint, "date_updated", context.Definition.ListQuery) { VerifyWindows = true };
        try
        {
            await scanner.ScanAsync(context.ResumeFrom, context.UpperBound,
                (items, _, _, ct) => WindowBatch.EmitAsync(context, admission, items, ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (FilterIgnoredException e)
        {
            context.Warn($"{e.Message} Falling back to reading every task in date_created windows and keeping those updated since " +
                         $"{CloseTimestamp.Format(context.ResumeFrom)}: this run reads all tasks, not only the changed ones.");
            await ReadAllAsync(context, admission, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every task by <c>date_created</c>, filtered on <c>date_updated</c> here. Records must reach the
    /// session in (date_updated, id) order, so the changed tasks are gathered and handed over at the end.
    /// Those already delivered before the fallback began are left out by the admission.
    /// </summary>
    private static async Task ReadAllAsync(StreamContext context, RecordAdmission admission, CancellationToken cancellationToken)
    {
        var changed = new List<JsonElement>();
        var scanner = new TimeWindowScanner(context, context.Definition.Endpoint, "date_created", context.Definition.ListQuery, "date_updated");
        await scanner.ScanAsync(Epoch, context.UpperBound, (items, _, _, _) =>
        {
            foreach (var item in items)
            {
                // Without a readable date_updated a task cannot be placed: deliver it rather than lose it.
                if (StreamContext.ReadTime(item, "date_updated") is not { } u || (u >= context.ResumeFrom && u < context.UpperBound))
                    changed.Add(item);
            }

            return ValueTask.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        await WindowBatch.EmitAsync(context, admission, changed, cancellationToken).ConfigureAwait(false);
    }
}
