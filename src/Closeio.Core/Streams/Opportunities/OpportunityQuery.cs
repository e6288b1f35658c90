namespace Closeio.Core.Streams;

/// <summary>
/// Opportunities (Get-CloseioOpportunity): one by id, or those of a lead, of a status type, updated
/// in a time range, oldest <c>date_updated</c> first. Close filters all of these server-side on
/// <c>GET opportunity/</c>. Close refuses offsets past max_skip (and deep offsets are slow), so after
/// <see cref="MaxSkip"/> records the read starts again at the last <c>date_updated</c> it delivered,
/// leaving out the ids already delivered at that instant.
/// </summary>
public sealed class OpportunityQuery : RecordQuery
{
    /// <summary>Close's opportunity status types, the values of <see cref="StatusType"/>.</summary>
    public static IReadOnlyList<string> StatusTypes { get; } = ["active", "won", "lost"];

    /// <summary>Reads the opportunity with this id only (<c>opportunity/{id}/</c>); the filters are then ignored. A lead's
    /// id (<c>lead_...</c>, as a lead piped to the cmdlet gives) reads that lead's opportunitys, filtered.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>Only the opportunities of this lead.</summary>
    public string? LeadId { get; init; }

    /// <summary>Only opportunities whose status is of this type (active, won or lost).</summary>
    public string? StatusType { get; init; }

    /// <summary>Only opportunities updated at or after this instant.</summary>
    public DateTimeOffset? UpdatedAfter { get; init; }

    /// <summary>Only opportunities updated before this instant.</summary>
    public DateTimeOffset? UpdatedBefore { get; init; }

    /// <summary>The properties wanted (field or custom field names); null for all. Sent to Close as <c>_fields</c>.</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>The deepest offset read before restarting at the newest date_updated delivered.</summary>
    internal int MaxSkip { get; init; } = 10_000;

    /// <summary>The largest <c>_limit</c> asked for; the definition's page size unless a test makes pages small.</summary>
    internal int? PageSize { get; init; }

    /// <inheritdoc />
    public override StreamDefinition Definition => OpportunitiesStream.Definition;

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        QueryText.CheckRange(UpdatedAfter, UpdatedBefore, "UpdatedAfter", "UpdatedBefore");
        var statusType = NormalizeStatusType(StatusType);
        var stream = Definition;
        var customFields = await context.CustomFieldsAsync(stream.CustomFieldKindsRead, cancellationToken).ConfigureAwait(false);
        var shaper = new RecordShaper(stream, customFields, Properties);
        var client = context.Connection.Client;
        var fields = shaper.ServerFields is { } chosen
            ? new KeyValuePair<string, string>?(new("_fields", string.Join(',', chosen)))
            : null;

        var (id, leadId) = LeadIds.Route(Id, LeadId);
        if (id is not null)
        {
            var request = new CloseRequest(HttpMethod.Get, $"{stream.Endpoint}{Uri.EscapeDataString(id)}/")
            {
                Query = fields is { } f ? [f] : [],
                Counters = context.Counters,
            };
            using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            yield return shaper.Shape(answer.RootElement);
            yield break;
        }

        var restart = new InstantRestart(UpdatedAfter);
        SkipLimitPager PagerFor(InstantRestart r)
        {
            var query = new List<KeyValuePair<string, string>>(stream.ListQuery);
            if (leadId is not null) query.Add(new("lead_id", leadId));
            if (statusType is not null) query.Add(new("status_type", statusType));
            if (r.Bound is { } from) query.Add(new("date_updated__gte", CloseTimestamp.FormatForFilter(from)));
            if (UpdatedBefore is { } before) query.Add(new("date_updated__lt", CloseTimestamp.FormatForFilter(before)));
            if (fields is { } selection) query.Add(selection);
            return new SkipLimitPager(client, stream.Endpoint, query, context.Paging.PageSize(PageSize ?? stream.DefaultPageSize))
            {
                Counters = context.Counters,
                MaxSkip = MaxSkip,
            };
        }

        // Close's total_results on the very first page covers the whole query.
        await foreach (var record in restart.ReadAsync(PagerFor, shaper, context, cancellationToken).ConfigureAwait(false))
            yield return record;
    }

    /// <summary>The status type as Close spells it; anything else fails before any request.</summary>
    private static string? NormalizeStatusType(string? statusType)
    {
        if (string.IsNullOrWhiteSpace(statusType)) return null;
        return StatusTypes.FirstOrDefault(t => t.Equals(statusType.Trim(), StringComparison.OrdinalIgnoreCase))
               ?? throw new ArgumentException(
                   $"'{statusType}' is not an opportunity status type; use one of {string.Join(", ", StatusTypes)}.");
    }
}
