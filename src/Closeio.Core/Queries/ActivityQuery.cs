using System.Runtime.CompilerServices;
using Closeio.Core.Records;
using Closeio.Core.Streams;

namespace Closeio.Core.Queries;

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

    /// <inheritdoc />
    public override string Stream => "activities";

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        QueryText.CheckRange(CreatedAfter, CreatedBefore, "CreatedAfter", "CreatedBefore");
        // Resolve every type before the first request, so a typo fails fast.
        var paths = Types is { Count: > 0 }
            ? Types.Select(ActivityTypes.PathOf).Distinct(StringComparer.Ordinal).ToArray()
            : ["activity/"];
        var stream = StreamCatalog.Get(Stream);
        var customFields = await context.CustomFieldsAsync(stream.CustomFieldKinds, cancellationToken).ConfigureAwait(false);
        var shaper = new RecordShaper(stream, customFields);

        var query = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrWhiteSpace(LeadId)) query.Add(new("lead_id", LeadId.Trim()));
        if (CreatedAfter is { } after) query.Add(new("date_created__gte", QueryText.Instant(after)));
        if (CreatedBefore is { } before) query.Add(new("date_created__lt", QueryText.Instant(before)));

        foreach (var path in paths)
        {
            var pager = new SkipLimitPager(context.Connection.Client, path, query, context.Paging.PageSize(PageSize))
            {
                Counters = context.Counters,
            };
            await foreach (var activity in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return shaper.Shape(activity);
        }
    }
}
