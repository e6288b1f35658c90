namespace Closeio.Core.Streams;

/// <summary>
/// Leads (Get-CloseioLead): one lead by id, or the leads updated in a time range (every lead when no
/// range is given) from Advanced Filtering, oldest <c>date_updated</c> first.
/// </summary>
public sealed class LeadQuery : RecordQuery
{
    /// <summary>Reads the lead with this id only (<c>lead/{id}/</c>); the date filters are then ignored.</summary>
    public string? Id { get; init; }

    /// <summary>Only leads updated at or after this instant.</summary>
    public DateTimeOffset? UpdatedAfter { get; init; }

    /// <summary>Only leads updated before this instant.</summary>
    public DateTimeOffset? UpdatedBefore { get; init; }

    /// <summary>The properties wanted (field or custom field names); null for all. Sent to Close as <c>_fields</c>.</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>The custom field kinds whose values a lead (with its contacts and opportunities) can hold.</summary>
    internal static IReadOnlyList<string> KindsOnALead { get; } = ["lead", "shared", "contact", "opportunity"];

    /// <summary>Most objects one search query yields before it must be restarted (Close: 10,000).</summary>
    internal int SearchResultCap { get; init; } = 10_000;

    /// <inheritdoc />
    public override StreamDefinition Definition => LeadsStream.Definition;

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        QueryText.CheckRange(UpdatedAfter, UpdatedBefore, "UpdatedAfter", "UpdatedBefore");
        var stream = Definition;
        // The kinds a lead carries: its own and shared ones become columns, and its nested contacts and
        // opportunities hold their own custom values, whose datetime ones are written canonically (as a
        // sync writes them) only when their definitions are known. Activity and custom object fields never
        // appear on a lead, so they are not read.
        var customFields = await context.CustomFieldsAsync(KindsOnALead, cancellationToken).ConfigureAwait(false);
        var shaper = new RecordShaper(stream, customFields, Properties);
        var client = context.Connection.Client;

        if (!string.IsNullOrWhiteSpace(Id))
        {
            var query = new List<KeyValuePair<string, string>>();
            if (shaper.ServerFields is { } fields) query.Add(new("_fields", string.Join(',', fields)));
            var request = new CloseRequest(HttpMethod.Get, $"lead/{Uri.EscapeDataString(Id.Trim())}/")
            {
                Query = query,
                Counters = context.Counters,
            };
            using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            yield return shaper.Shape(answer.RootElement);
            yield break;
        }

        // With or without date filters: lead/ pages by _skip and Close refuses offsets past max_skip
        // (250,000), while the search restarts at the last date it delivered, so it reaches every lead.
        await foreach (var lead in SearchAsync(context, shaper, customFields, cancellationToken).ConfigureAwait(false))
            yield return lead;
    }

    /// <summary>
    /// Scans the range in date_updated order through the same <see cref="LeadScan"/> as the leads
    /// stream: page by key, so an edit between pages cannot hide a lead, and a loud failure when more
    /// leads share one instant than a search can return.
    /// </summary>
    private async IAsyncEnumerable<Record> SearchAsync(QueryContext context, RecordShaper shaper,
        IReadOnlyList<CustomFieldDefinition> customFields, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scan = new LeadScan(context.Connection.Client, shaper, LeadSearch.Fields(shaper, customFields),
            context.Paging.PageSize(SearchPager.MaxPageSize), SearchResultCap, context.Counters, warn: message =>
            {
                context.Warn(message);
                // A field the connection kept turned out to be deleted: read the list again next time.
                context.ForgetCustomFields();
            });
        // Close counts the matches of the first search (include_counts).
        await foreach (var record in scan.QueryAsync(context, UpdatedAfter, UpdatedBefore, cancellationToken).ConfigureAwait(false))
            yield return record;
    }
}
