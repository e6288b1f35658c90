namespace Closeio.Core.Streams;

/// <summary>
/// Activities (Get-CloseioActivity), newest first: of one lead or of all, of some types or of all,
/// created in a time range.
/// </summary>
public sealed class ActivityQuery : RecordQuery
{
    private const int PageSize = 100;

    /// <summary>Only these types (Call, Email, ...); null or empty for every type.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Only the activities of this lead.</summary>
    public string? LeadId { get; init; }

    /// <summary>Only activities created at or after this instant.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>Only activities created before this instant.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>The deepest offset read before restarting below the oldest creation time seen.</summary>
    internal int MaxSkip { get; init; } = 10_000;

    /// <inheritdoc />
    public override StreamDefinition Definition => ActivitiesStream.Definition;

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        QueryText.CheckRange(CreatedAfter, CreatedBefore, "CreatedAfter", "CreatedBefore");
        // Resolve every type before the first request, so a typo fails fast.
        var paths = Types is { Count: > 0 }
            ? Types.Select(ActivityTypes.PathOf).Distinct(StringComparer.Ordinal).ToArray()
            : [Definition.Endpoint];
        var stream = Definition;
        var customFields = await context.CustomFieldsAsync(stream.CustomFieldKinds, cancellationToken).ConfigureAwait(false);
        var shaper = new RecordShaper(stream, customFields);

        foreach (var path in paths)
        {
            await foreach (var activity in ReadPathAsync(context, shaper, path, cancellationToken).ConfigureAwait(false))
                yield return activity;
        }
    }

    /// <summary>
    /// Reads one endpoint newest first. Close refuses offsets beyond max_skip (and deep offsets are
    /// slow), so after <see cref="MaxSkip"/> records the read restarts below the oldest creation time
    /// delivered, leaving out the ids already delivered at exactly that instant.
    /// </summary>
    private async IAsyncEnumerable<Record> ReadPathAsync(QueryContext context, RecordShaper shaper, string path,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var restart = new InstantRestart(CreatedBefore);
        SkipLimitPager PagerFor(InstantRestart r)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (!string.IsNullOrWhiteSpace(LeadId)) query.Add(new("lead_id", LeadId.Trim()));
            if (CreatedAfter is { } after) query.Add(new("date_created__gte", CloseTimestamp.FormatForFilter(after)));
            if (r.Bound is { } u)
                query.Add(new(r.Restarted ? "date_created__lte" : "date_created__lt", CloseTimestamp.FormatForFilter(u)));
            return new SkipLimitPager(context.Connection.Client, path, query, context.Paging.PageSize(PageSize))
            {
                Counters = context.Counters,
                MaxSkip = MaxSkip,
            };
        }

        await foreach (var record in restart.ReadAsync(PagerFor, shaper, null, cancellationToken).ConfigureAwait(false))
            yield return record;
    }
}
