namespace Closeio.Core.Streams;

/// <summary>
/// Where a read that cannot go on (a search cap, an expired cursor, max_skip) starts again: at the
/// last key it delivered, bound included, leaving out the ids already delivered at that exact key.
/// Used by reads sorted by their key in either direction.
/// </summary>
internal sealed class InstantRestart(DateTimeOffset? start)
{
    private HashSet<string> _seenAtBound = new(StringComparer.Ordinal);
    private HashSet<string> _atLastKey = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastKey;
    private int _delivered;

    /// <summary>The bound of the current read: the caller's at first, then the last key delivered.</summary>
    public DateTimeOffset? Bound { get; private set; } = start;

    /// <summary>True once a restart moved <see cref="Bound"/> (from then on the bound is inclusive).</summary>
    public bool Restarted { get; private set; }

    /// <summary>True when an earlier read already delivered <paramref name="record"/>: skip it.</summary>
    public bool AlreadyDelivered(Record record) => record.Key == Bound && _seenAtBound.Contains(record.Id);

    /// <summary>Notes a record the current read delivered.</summary>
    public void Delivered(Record record)
    {
        if (_lastKey != record.Key)
        {
            _lastKey = record.Key;
            _atLastKey.Clear();
        }

        _atLastKey.Add(record.Id);
        _delivered++;
    }

    /// <summary>
    /// Ends the current read and moves the bound to the last key it delivered. False when it delivered
    /// nothing new: repeating it could not make progress.
    /// </summary>
    public bool TryRestart()
    {
        if (_lastKey is not { } last || _delivered == 0) return false;
        if (Restarted && last == Bound)
        {
            // Everything delivered since the bound shares one instant: keep excluding the earlier ones too.
            _seenAtBound.UnionWith(_atLastKey);
            _atLastKey.Clear();
        }
        else
        {
            Bound = last;
            (_seenAtBound, _atLastKey) = (_atLastKey, _seenAtBound);
            _atLastKey.Clear();
        }

        Restarted = true;
        _lastKey = null;
        _delivered = 0;
        return true;
    }

    /// <summary>
    /// Reads a skip-paged list sorted by its key from <see cref="Bound"/>, starting again at the last key
    /// delivered whenever the pager stops short of the end (its <c>MaxSkip</c>), each record once.
    /// <paramref name="pagerFor"/> builds the pager of each read from this restart's bound. Close's
    /// <c>total_results</c> on the very first page, when it sends one, goes to <paramref name="totals"/>.
    /// </summary>
    public async IAsyncEnumerable<Record> ReadAsync(Func<InstantRestart, SkipLimitPager> pagerFor, RecordShaper shaper,
        Queries.QueryContext? totals, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = true;
        while (true)
        {
            var more = false;
            await foreach (var page in pagerFor(this).ReadPagesAsync(cancellationToken).ConfigureAwait(false))
            {
                if (first && page.TotalCount is { } total) totals?.ReportTotal(total);
                first = false;
                more = page.HasMore && page.Data.Count > 0;
                foreach (var element in page.Data)
                {
                    var record = shaper.Shape(element);
                    if (AlreadyDelivered(record)) continue;
                    Delivered(record);
                    yield return record;
                }
            }

            if (!more || !TryRestart()) yield break;
        }
    }
}
