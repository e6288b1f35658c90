namespace Closeio.Core.Streams;

/// <summary>Custom field definitions (Get-CloseioCustomField) of some kinds or of all, each with its <c>kind</c>.</summary>
public sealed class CustomFieldQuery : RecordQuery
{
    /// <summary>Only these kinds (lead, contact, opportunity, activity, shared, custom_object_type); null or empty for all.</summary>
    public IReadOnlyList<string>? Kinds { get; init; }

    /// <inheritdoc />
    public override StreamDefinition Definition => CustomFieldsStream.Definition;

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kinds = ResolveKinds();
        var shaper = new RecordShaper(Definition, []);
        var pageSize = new StrongBox<int>(CustomFieldSet.PageSize);
        if (context.WantsTotalCount)
        {
            // Close's answers do not reliably give a total per kind, and the lists are small: read them
            // all, count, then hand them over.
            var all = new List<Record>();
            foreach (var kind in kinds)
            {
                var supplied = new Dictionary<string, object?>(StringComparer.Ordinal) { ["kind"] = kind };
                await foreach (var field in CustomFieldSet.ReadKindAsync(context.Connection.Client, kind, pageSize, context.Counters,
                                   cancellationToken).ConfigureAwait(false))
                    all.Add(shaper.Shape(field, supplied));
            }

            context.ReportTotal(all.Count);
            foreach (var record in all) yield return record;
            yield break;
        }

        foreach (var kind in kinds)
        {
            var supplied = new Dictionary<string, object?>(StringComparer.Ordinal) { ["kind"] = kind };
            pageSize.Value = Math.Min(pageSize.Value, context.Paging.PageSize(CustomFieldSet.PageSize));
            var fields = CustomFieldSet.ReadKindAsync(context.Connection.Client, kind, pageSize, context.Counters, cancellationToken);
            await foreach (var field in fields.ConfigureAwait(false))
                yield return shaper.Shape(field, supplied);
        }
    }

    private string[] ResolveKinds()
    {
        if (Kinds is not { Count: > 0 }) return StreamCatalog.CustomFieldEndpointKinds.ToArray();
        return Kinds.Select(k => StreamCatalog.CustomFieldEndpointKinds.FirstOrDefault(
                    known => known.Equals(k?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException(
                    $"'{k}' is not a custom field kind. Valid kinds: {string.Join(", ", StreamCatalog.CustomFieldEndpointKinds)}."))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
