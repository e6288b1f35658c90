namespace Closeio.Core.Streams;

/// <summary>Shapes the objects of one window, keeps those the run delivers, and hands them over sorted by (key, id).</summary>
internal static class WindowBatch
{
    /// <summary>Orders records the way every stream delivers them.</summary>
    public static readonly Comparison<Record> Order = (a, b) =>
    {
        var byKey = a.Key.CompareTo(b.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(a.Id, b.Id);
    };

    /// <summary>Shapes, admits, sorts and emits the objects of one window.</summary>
    public static ValueTask EmitAsync(StreamContext context, RecordAdmission admission,
        IEnumerable<JsonElement> items, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, object?>? supplied = null)
    {
        var records = new List<Record>();
        foreach (var item in items)
        {
            var record = supplied is null ? context.Shaper.Shape(item) : context.Shaper.Shape(item, supplied);
            if (admission.Admit(record, item)) records.Add(record);
        }

        if (records.Count == 0) return ValueTask.CompletedTask;
        records.Sort(Order);
        return context.Emit(records, cancellationToken);
    }
}
