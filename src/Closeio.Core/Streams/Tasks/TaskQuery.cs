namespace Closeio.Core.Streams;

/// <summary>
/// Tasks (Get-CloseioTask) of every type unless some are named: Close lists only <c>lead</c> tasks
/// when no type is asked for, so the query always names them (<c>_type=all</c>). A type name not in
/// <see cref="TypeNames"/> is sent as given: Close adds task types, and it says itself if one is wrong.
/// </summary>
public sealed class TaskQuery : RecordQuery
{
    /// <summary>Close's task types.</summary>
    public static IReadOnlyList<string> TypeNames { get; } =
    [
        "lead", "incoming_email", "email_followup", "missed_call", "answered_detached_call", "voicemail",
        "opportunity_due", "incoming_sms", "outgoing_call",
    ];

    /// <summary>Only these task types; null or empty for all.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <inheritdoc />
    public override StreamDefinition Definition => TasksStream.Definition;

    /// <summary>The <c>_type</c> parameter this query sends.</summary>
    internal KeyValuePair<string, string> TypeFilter()
    {
        var types = (Types ?? []).Select(t => t.Trim()).Where(t => t.Length > 0)
            .Select(t => TypeNames.FirstOrDefault(n => n.Equals(t, StringComparison.OrdinalIgnoreCase))
                         ?? (t.Equals("all", StringComparison.OrdinalIgnoreCase) ? "all" : t))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (types.Length == 0 || types.Contains("all")) return Definition.ListQuery.Single(p => p.Key == "_type");
        return types.Length == 1 ? new("_type", types[0]) : new("_type__in", string.Join(',', types));
    }

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TypeFilter();
        var shaper = new RecordShaper(Definition, []);
        var pager = new SkipLimitPager(context.Connection.Client, Definition.Endpoint, [filter], context.Paging.PageSize(Definition.DefaultPageSize))
        {
            Counters = context.Counters,
        };
        var first = true;
        await foreach (var page in pager.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            // Close's total_results on the first page, when it sends one.
            if (first && page.TotalCount is { } total) context.ReportTotal(total);
            first = false;
            foreach (var task in page.Data) yield return shaper.Shape(task);
        }
    }
}
