namespace Closeio.Sandbox;

/// <summary>
/// The <c>{field}__gt/gte/lt/lte</c> filters of one date field. Items whose value is missing never
/// match a filter that is set.
/// </summary>
internal sealed class DateRangeFilter
{
    public DateTimeOffset? Gt { get; private init; }
    public DateTimeOffset? Gte { get; private init; }
    public DateTimeOffset? Lt { get; private init; }
    public DateTimeOffset? Lte { get; private init; }
    public string Field { get; private init; } = "";

    public bool IsSet => Gt is not null || Gte is not null || Lt is not null || Lte is not null;

    public static DateRangeFilter Parse(ApiQuery query, string field) => new()
    {
        Field = field,
        Gt = query.Date(field + "__gt"),
        Gte = query.Date(field + "__gte"),
        Lt = query.Date(field + "__lt"),
        Lte = query.Date(field + "__lte"),
    };

    /// <summary>A range carried inside a cursor, as UTC ticks.</summary>
    public static DateRangeFilter FromTicks(string field, long? gt, long? gte, long? lt, long? lte) => new()
    {
        Field = field,
        Gt = FromTicks(gt),
        Gte = FromTicks(gte),
        Lt = FromTicks(lt),
        Lte = FromTicks(lte),
    };

    private static DateTimeOffset? FromTicks(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>The names of this field's filter parameters present in a query.</summary>
    public static IEnumerable<string> NamesIn(ApiQuery query, string field) =>
        new[] { "__gt", "__gte", "__lt", "__lte" }.Select(s => field + s).Where(query.Has);

    public bool Matches(DateTimeOffset? value)
    {
        if (!IsSet) return true;
        if (value is not { } v) return false;
        return (Gt is null || v > Gt) && (Gte is null || v >= Gte) && (Lt is null || v < Lt) && (Lte is null || v <= Lte);
    }

    /// <summary>A half-open [from, to) range that contains every match, for narrowing a read before <see cref="Matches"/>.</summary>
    public (DateTimeOffset? From, DateTimeOffset? To) Bounds()
    {
        DateTimeOffset? from = Max(Gte, Gt);
        DateTimeOffset? to = Min(Lt, Lte?.AddTicks(1));
        return (from, to);
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
