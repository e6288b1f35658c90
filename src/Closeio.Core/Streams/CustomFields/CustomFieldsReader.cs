namespace Closeio.Core.Streams;

/// <summary>
/// Custom field definitions of every kind (<c>GET custom_field/{kind}/</c>), read once per run by
/// <see cref="CustomFieldSet"/> (the run loads the kinds this stream's definition names, all of them,
/// and shares them with the other streams); delivers those updated since the bookmark, each saying
/// its kind, and all of them on a run without a bookmark, whatever the start date (a small dimension table).
/// </summary>
internal sealed class CustomFieldsReader : IStreamReader
{
    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var set = context.CustomFieldSet ?? throw new InvalidOperationException("The custom fields were not loaded for this stream.");
        var admission = new RecordAdmission(context);
        var records = new List<Records.Record>();
        foreach (var (kind, items) in set.RawByKind)
        {
            var supplied = new Dictionary<string, object?>(StringComparer.Ordinal) { ["kind"] = kind };
            foreach (var item in items)
            {
                var record = context.Shaper.Shape(item, supplied);
                if (admission.Admit(record, item)) records.Add(record);
            }
        }

        if (records.Count == 0) return;
        records.Sort(WindowBatch.Order);
        await context.Emit(records, cancellationToken).ConfigureAwait(false);
    }
}
