namespace Closeio.Core.Streams;

/// <summary>
/// Contacts (Get-CloseioContact): one by id (<c>contact/{id}/</c>), the contacts of a lead
/// (<c>contact/?lead_id=</c>, the filter Close documents there), or the contacts updated in a time
/// range (every contact when no range is given) through the same Advanced Filtering scan as the
/// contacts stream, oldest <c>date_updated</c> first. A lead has few contacts, so a date range given
/// with a lead is applied to that lead's contacts here.
/// </summary>
public sealed class ContactQuery : RecordQuery
{
    /// <summary>The largest <c>_limit</c> the contact list is known to take.</summary>
    private const int ListPageSize = 100;

    /// <summary>Reads the contact with this id only; the filters are then ignored. A lead's
    /// id (<c>lead_...</c>, as a lead piped to the cmdlet gives) reads that lead's contacts, filtered.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>Only the contacts of this lead.</summary>
    public string? LeadId { get; init; }

    /// <summary>Only contacts updated at or after this instant.</summary>
    public DateTimeOffset? UpdatedAfter { get; init; }

    /// <summary>Only contacts updated before this instant.</summary>
    public DateTimeOffset? UpdatedBefore { get; init; }

    /// <summary>The properties wanted (field or custom field names); null for all. Sent to Close as <c>_fields</c>.</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    /// <summary>Most objects one search query yields before it must be restarted (Close: 10,000).</summary>
    internal int SearchResultCap { get; init; } = 10_000;

    /// <inheritdoc />
    public override StreamDefinition Definition => ContactsStream.Definition;

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        QueryText.CheckRange(UpdatedAfter, UpdatedBefore, "UpdatedAfter", "UpdatedBefore");
        var stream = Definition;
        var customFields = await context.CustomFieldsAsync(stream.CustomFieldKindsRead, cancellationToken).ConfigureAwait(false);
        var shaper = new RecordShaper(stream, customFields, Properties);
        var client = context.Connection.Client;
        var fields = new List<KeyValuePair<string, string>>();
        if (shaper.ServerFields is { } chosen) fields.Add(new("_fields", string.Join(',', chosen)));

        var (id, leadId) = LeadIds.Route(Id, LeadId);
        if (id is not null)
        {
            var request = new CloseRequest(HttpMethod.Get, LeadSearch.ObjectPath(ContactsStream.SearchObjectType, id))
            {
                Query = fields,
                Counters = context.Counters,
            };
            using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            yield return shaper.Shape(answer.RootElement);
            yield break;
        }

        if (leadId is not null)
        {
            var query = new List<KeyValuePair<string, string>> { new("lead_id", leadId) };
            query.AddRange(fields);
            var pager = new SkipLimitPager(client, ContactsStream.SearchObjectType + "/", query, context.Paging.PageSize(ListPageSize))
            {
                Counters = context.Counters,
            };
            var ranged = UpdatedAfter is not null || UpdatedBefore is not null;
            var first = true;
            await foreach (var page in pager.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
            {
                // Close's total_results counts the lead's contacts: a total only when no range narrows them here.
                if (first && !ranged && page.TotalCount is { } total) context.ReportTotal(total);
                first = false;
                foreach (var element in page.Data)
                {
                    var record = shaper.Shape(element);
                    if (UpdatedAfter is { } a && record.Key < a) continue;
                    if (UpdatedBefore is { } b && record.Key >= b) continue;
                    yield return record;
                }
            }

            yield break;
        }

        var scan = new LeadScan(client, shaper, LeadSearch.Fields(shaper, customFields),
            context.Paging.PageSize(SearchPager.MaxPageSize), SearchResultCap, context.Counters, warn: message =>
            {
                context.Warn(message);
                context.ForgetCustomFields();
            }, objectType: ContactsStream.SearchObjectType);
        // Close counts the matches of the first search (include_counts).
        await foreach (var record in scan.QueryAsync(context, UpdatedAfter, UpdatedBefore, cancellationToken).ConfigureAwait(false))
            yield return record;
    }
}
