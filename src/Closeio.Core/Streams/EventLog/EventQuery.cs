namespace Closeio.Core.Streams;

/// <summary>
/// The event log (Get-CloseioEvent), newest first: what was created, updated, deleted or merged.
/// Close keeps 30 days of it and allows only some filter combinations (object type with action,
/// each alone, and any of them with a date).
/// </summary>
public sealed class EventQuery : RecordQuery
{
    /// <summary>
    /// The object types the event log names, for completion: lead, contact, opportunity, each task type
    /// as <c>task.&lt;type&gt;</c> and each activity type as <c>activity.&lt;type&gt;</c>. Close may log
    /// others; -ObjectType takes any text.
    /// </summary>
    public static IReadOnlyList<string> ObjectTypes { get; } =
        new[] { "lead", "contact", "opportunity" }
            .Concat(TaskQuery.TypeNames.Select(t => "task." + t))
            .Concat(ActivityTypes.EventObjectTypes)
            .ToArray();

    /// <summary>The actions the event log records.</summary>
    public static IReadOnlyList<string> Actions { get; } = ["created", "updated", "deleted", "merged"];

    /// <summary>Only events about this object type (lead, contact, opportunity, task.lead, activity.call, ...).</summary>
    public string? ObjectType { get; init; }

    /// <summary>Only events with this action (created, updated, deleted, merged).</summary>
    public string? Action { get; init; }

    /// <summary>Only events updated at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only events about this lead.</summary>
    public string? LeadId { get; init; }

    /// <inheritdoc />
    public override StreamDefinition Definition => EventLogStream.Definition;

    /// <summary>
    /// Splits the filters between Close and the client. Close answers 400 to combinations it does not
    /// allow (object type alone, action alone, ...): those filters are applied here instead, so every
    /// combination of parameters works.
    /// </summary>
    internal (List<KeyValuePair<string, string>> Server, string? ObjectTypeHere, string? ActionHere) Filters()
    {
        var lead = string.IsNullOrWhiteSpace(LeadId) ? null : LeadId.Trim();
        var objectType = string.IsNullOrWhiteSpace(ObjectType) ? null : ObjectType.Trim();
        var action = string.IsNullOrWhiteSpace(Action) ? null : Action.Trim().ToLowerInvariant();

        // Combinations Close documents: lead alone, object type with action, lead with object type.
        var sendObjectType = objectType is not null && (action is not null || lead is not null);
        var sendAction = action is not null && sendObjectType && lead is null;

        var query = new List<KeyValuePair<string, string>>();
        if (lead is not null) query.Add(new("lead_id", lead));
        if (sendObjectType) query.Add(new("object_type", objectType!));
        if (sendAction) query.Add(new("action", action!));
        if (Since is { } since) query.Add(new("date_updated__gte", CloseTimestamp.FormatForFilter(since)));
        return (query, sendObjectType ? null : objectType, sendAction ? null : action);
    }

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (server, objectTypeHere, actionHere) = Filters();
        var filteredHere = objectTypeHere is not null || actionHere is not null;
        var shaper = new RecordShaper(Definition, []);
        var pageSize = filteredHere ? EventCursorPager.MaxPageSize : context.Paging.PageSize(EventCursorPager.MaxPageSize);
        var pager = new EventCursorPager(context.Connection.Client, server, pageSize) { Counters = context.Counters };
        await foreach (var ev in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = shaper.Shape(ev);
            if (objectTypeHere is not null && !Matches(record, "object_type", objectTypeHere)) continue;
            if (actionHere is not null && !Matches(record, "action", actionHere)) continue;
            yield return record;
        }
    }

    private static bool Matches(Record record, string column, string expected) =>
        record.TryGetValue(column, out var value) && value is string text &&
        string.Equals(text, expected, StringComparison.OrdinalIgnoreCase);
}
