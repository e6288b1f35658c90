namespace Closeio.Core.Streams;

/// <summary>
/// Custom field definitions of every kind (<c>GET custom_field/{kind}/</c>), read whole once per run
/// by <see cref="CustomFieldSet"/>; delivers those updated since the bookmark, each saying its kind,
/// and all of them on a run without a bookmark, whatever the start date (a small dimension table).
/// </summary>
internal sealed class CustomFieldsReader : IStreamReader
{
    private readonly Func<CancellationToken, Task<CustomFieldSet>> _load;

    public CustomFieldsReader(Func<CancellationToken, Task<CustomFieldSet>> load) => _load = load;

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var set = await _load(cancellationToken).ConfigureAwait(false);
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
