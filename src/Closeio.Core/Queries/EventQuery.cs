using System.Runtime.CompilerServices;
using Closeio.Core.Records;
using Closeio.Core.Streams;

namespace Closeio.Core.Queries;

/// <summary>
/// The event log (Get-CloseioEvent), newest first: what was created, updated, deleted or merged.
/// Close keeps 30 days of it and allows only some filter combinations (object type with action,
/// each alone, and any of them with a date).
/// </summary>
public sealed class EventQuery : RecordQuery
{
    /// <summary>Only events about this object type (lead, contact, opportunity, task.lead, activity.call, ...).</summary>
    public string? ObjectType { get; init; }

    /// <summary>Only events with this action (created, updated, deleted, merged).</summary>
    public string? Action { get; init; }

    /// <summary>Only events updated at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only events about this lead.</summary>
    public string? LeadId { get; init; }

    /// <inheritdoc />
    public override string Stream => "event_log";

    /// <summary>The filters of the first page.</summary>
    internal List<KeyValuePair<string, string>> Filters()
    {
        var query = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrWhiteSpace(LeadId)) query.Add(new("lead_id", LeadId.Trim()));
        if (!string.IsNullOrWhiteSpace(ObjectType)) query.Add(new("object_type", ObjectType.Trim()));
        if (!string.IsNullOrWhiteSpace(Action)) query.Add(new("action", Action.Trim().ToLowerInvariant()));
        if (Since is { } since) query.Add(new("date_updated__gte", QueryText.Instant(since)));
        return query;
    }

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var shaper = new RecordShaper(StreamCatalog.Get(Stream), []);
        var pager = new EventCursorPager(context.Connection.Client, Filters(), context.Paging.PageSize(EventCursorPager.MaxPageSize))
        {
            Counters = context.Counters,
        };
        await foreach (var ev in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return shaper.Shape(ev);
    }
}
