namespace Closeio.Core.Queries;

/// <summary>
/// The -Skip and -First of one command invocation, counted across every query it runs (a cmdlet that
/// takes lead ids from the pipeline runs one query per id, but -First 10 still means ten in all).
/// Queries stop asking Close for pages as soon as <see cref="IsComplete"/>.
/// </summary>
public sealed class QueryPaging
{
    /// <summary>Skips <paramref name="skip"/> records, then delivers at most <paramref name="first"/> (null = no limit).</summary>
    public QueryPaging(ulong skip = 0, ulong? first = null)
    {
        Skip = skip;
        First = first;
    }

    /// <summary>
    /// From PowerShell's paging parameters, where an absent -First is <see cref="ulong.MaxValue"/>.
    /// </summary>
    public static QueryPaging FromPagingParameters(ulong skip, ulong first) =>
        new(skip, first == ulong.MaxValue ? null : first);

    /// <summary>How many records to skip before delivering any.</summary>
    public ulong Skip { get; }

    /// <summary>How many records to deliver at most; null for all.</summary>
    public ulong? First { get; }

    /// <summary>Records skipped so far.</summary>
    public ulong Skipped { get; private set; }

    /// <summary>Records delivered so far.</summary>
    public ulong Delivered { get; private set; }

    /// <summary>True once -First records were delivered: no more requests are needed.</summary>
    public bool IsComplete => First is { } first && Delivered >= first;

    /// <summary>Records still to read (to skip or to deliver), or null when there is no limit.</summary>
    public ulong? Remaining => First is { } first
        ? SaturatingAdd(Skip - Skipped, first - Math.Min(first, Delivered))
        : null;

    /// <summary>Counts the next record read: true to deliver it, false when it is skipped.</summary>
    /// <exception cref="InvalidOperationException">Called after <see cref="IsComplete"/>.</exception>
    public bool Admit()
    {
        if (IsComplete) throw new InvalidOperationException("Every record asked for was already delivered.");
        if (Skipped < Skip)
        {
            Skipped++;
            return false;
        }

        Delivered++;
        return true;
    }

    /// <summary>A page size no larger than needed: <paramref name="maximum"/>, or less when few records remain.</summary>
    public int PageSize(int maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        return Remaining is { } remaining && remaining < (ulong)maximum ? (int)Math.Max(1UL, remaining) : maximum;
    }

    private static ulong SaturatingAdd(ulong a, ulong b) => ulong.MaxValue - a < b ? ulong.MaxValue : a + b;
}
