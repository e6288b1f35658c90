namespace Closeio.Core.Streams;

/// <summary>
/// Reads a skip-paged endpoint over a time range in windows on one date filter, sized by the density
/// seen to a few pages each. A window is paged with <c>_skip</c> up to
/// <see cref="Sync.SyncTuning.SkipThreshold"/> (far below Close's max_skip), its pages overlapping by
/// one record: a record that changes or vanishes while the run goes on shifts the offsets of a later
/// page, the overlap shows it, and the window is read again, so no record is hidden. A window that
/// would need a deeper <c>_skip</c> is narrowed; one instant holding more than that is an error.
/// </summary>
/// <param name="context">The stream's run.</param>
/// <param name="path">Endpoint, e.g. <c>task/</c>.</param>
/// <param name="field">The date filter windows are cut on, e.g. <c>date_updated</c>.</param>
/// <param name="baseQuery">Filters sent with every request besides the window.</param>
/// <param name="neededFields">Fields the reader needs even when the user chose fewer.</param>
internal sealed class TimeWindowScanner(StreamContext context, string path, string field,
    IReadOnlyList<KeyValuePair<string, string>> baseQuery, params string[] neededFields)
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(10); // one microsecond, Close's resolution

    private readonly StreamContext _context = context;
    private readonly string _path = path;
    private readonly string _field = field;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _baseQuery = baseQuery;
    private readonly string[] _neededFields = neededFields;

    /// <summary>The <c>_limit</c> asked for: the stream's, or a smaller one Close accepted after refusing it.</summary>
    private int _pageSize = context.PageSize;

    /// <summary>
    /// Check that every object of a window answer lies inside the window asked for, and throw
    /// <see cref="FilterIgnoredException"/> when one does not: a server that ignores the filter would
    /// otherwise make every window look full and be halved down to a microsecond.
    /// </summary>
    public bool VerifyWindows { get; init; }

    /// <summary>Rounds down to Close's microsecond resolution.</summary>
    public static DateTimeOffset Align(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % Tick.Ticks), TimeSpan.Zero);

    /// <summary>
    /// Reads [<paramref name="from"/>, <paramref name="to"/>) window by window, in ascending time order,
    /// calling <paramref name="onWindow"/> with every object of each window.
    /// </summary>
    /// <remarks>
    /// The fewest requests: a window is paged (with <c>_skip</c>, overlapping pages, see <see cref="PageWindowAsync"/>)
    /// rather than thrown away when it holds more than a page, so every request but the last of a
    /// window comes back full; windows are sized by the density seen to hold a whole number of pages
    /// (about half of what the skip threshold allows, so one denser than expected still fits), and a
    /// window whose first page shows it far too dense is given up after that one request. Which
    /// records a full first page holds (Close documents no order for every endpoint) only ever sizes
    /// windows; no record is delivered from a window that was not read to its end.
    /// </remarks>
    public async Task ScanAsync(DateTimeOffset from, DateTimeOffset to,
        Func<IReadOnlyList<JsonElement>, DateTimeOffset, DateTimeOffset, CancellationToken, ValueTask> onWindow,
        CancellationToken cancellationToken)
    {
        var lo = Align(from);
        var end = Align(to);
        var maxWindow = Max(Tick, AlignSpan(_context.Tuning.MaxWindow));
        // The first window spans everything: a quiet range costs one request, and a busy one's first page sizes the next.
        var size = Min(end - lo, maxWindow);
        while (lo < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var hi = end - lo <= size ? end : lo + size;
            var page = await ReadAsync(lo, hi, 0, cancellationToken).ConfigureAwait(false);
            if (VerifyWindows) Verify(page, lo, hi);
            IReadOnlyList<JsonElement>? items = page.Data;
            if (page.HasMore && hi - lo > Tick)
            {
                // Page on only when the window looks like it fits under the skip threshold.
                var estimate = SampleDensity(page.Data);
                if (estimate * (hi - lo).Ticks > Budget)
                {
                    size = ShrinkTo(lo, hi, estimate, page.Data);
                    continue;
                }
            }

            if (page.HasMore)
            {
                items = await PageWindowAsync(lo, hi, page, cancellationToken).ConfigureAwait(false);
                if (items is null)
                {
                    // More than the skip threshold after all: size by what was seen, at least four times smaller.
                    size = Max(Tick, Min(AlignSpan(TimeSpan.FromTicks((hi - lo).Ticks / 4)),
                        SpanFor(Math.Max(SampleDensity(page.Data), (double)_context.Tuning.SkipThreshold / (hi - lo).Ticks))));
                    continue;
                }
            }

            _context.Progress($"{Describe(lo)} .. {Describe(hi)}");
            await onWindow(items, lo, hi, cancellationToken).ConfigureAwait(false);

            // Aim the next window at the target, judging by this one's density.
            var span = hi - lo;
            var next = items.Count == 0
                ? TimeSpan.FromTicks(Math.Min(span.Ticks, TimeSpan.MaxValue.Ticks / 16) * 8)
                : SpanFor(items.Count / (double)span.Ticks);
            next = Min(next, TimeSpan.FromTicks(Math.Min(span.Ticks, TimeSpan.MaxValue.Ticks / 16) * 8));
            next = Max(next, TimeSpan.FromTicks(span.Ticks / 8));
            size = Min(maxWindow, Max(Tick, AlignSpan(next)));
            lo = hi;
        }
    }

    /// <summary>
    /// Records a window should hold: a whole number of pages (the first page full, each later one
    /// repeating one record), about half of what paging up to the skip threshold allows, less a
    /// margin so that one a record or two denser does not need a page for those alone.
    /// </summary>
    private int Target
    {
        get
        {
            var pageSize = CrowdLimit;
            var pages = Math.Max(1, (_context.Tuning.SkipThreshold + pageSize) / pageSize / 2);
            var capacity = pageSize + (pages - 1) * (pageSize - 1);
            return Math.Max(1, capacity - Math.Max(1, capacity / 100));
        }
    }

    /// <summary>The most records a window may be expected to hold and still be paged (its first page tells).</summary>
    private double Budget => 0.8 * (_context.Tuning.SkipThreshold + CrowdLimit);

    /// <summary>The span that holds <see cref="Target"/> records at <paramref name="density"/> records per tick.</summary>
    private TimeSpan SpanFor(double density)
    {
        if (density <= 0 || double.IsNaN(density)) return TimeSpan.MaxValue / 2;
        var ticks = Target / density;
        return ticks >= TimeSpan.MaxValue.Ticks / 2 ? TimeSpan.MaxValue / 2 : Max(Tick, AlignSpan(TimeSpan.FromTicks((long)ticks)));
    }

    /// <summary>
    /// The density (records per tick) the objects of a full page suggest: as many as they are over the
    /// time they spread across. Infinite when they share one instant.
    /// </summary>
    private double SampleDensity(IReadOnlyList<JsonElement> items)
    {
        DateTimeOffset? min = null, max = null;
        var n = 0;
        foreach (var item in items)
        {
            if (StreamContext.ReadTime(item, _field) is not { } t) continue;
            n++;
            if (min is null || t < min) min = t;
            if (max is null || t > max) max = t;
        }

        if (n < 2) return 0;
        var spread = (max!.Value - min!.Value).Ticks;
        return spread <= 0 ? double.PositiveInfinity : (n - 1) / (double)spread;
    }

    /// <summary>
    /// The next window's size when [<paramref name="lo"/>, <paramref name="hi"/>) looked far too dense: by the
    /// page's density; when the page's objects all share one instant, up to that instant (or that instant alone).
    /// </summary>
    private TimeSpan ShrinkTo(DateTimeOffset lo, DateTimeOffset hi, double density, IReadOnlyList<JsonElement> items)
    {
        var half = Max(Tick, Halve(hi - lo));
        if (!double.IsPositiveInfinity(density)) return Min(half, SpanFor(density));
        var instant = items.Select(i => StreamContext.ReadTime(i, _field)).FirstOrDefault(t => t is not null);
        return instant is { } t && t > lo && t < hi ? Min(half, Max(Tick, AlignSpan(t - lo))) : Tick;
    }

    /// <summary>
    /// A window (or a single instant) with more objects than a page: page it with <c>_skip</c>, within the
    /// threshold; null when a window wider than an instant holds more than that (the caller narrows it).
    /// Pages overlap by one object: each must start with the last object of the page before. When it does
    /// not, an object before the offset left the window between two requests (a task was edited, an
    /// activity deleted) and every later one slid one offset down, under the next page's start; so the
    /// window is read again from the start, keeping what was read (the newest version of each).
    /// </summary>
    private async Task<IReadOnlyList<JsonElement>?> PageWindowAsync(DateTimeOffset lo, DateTimeOffset hi,
        ClosePage first, CancellationToken cancellationToken)
    {
        const int MaxRereads = 5;
        var instant = hi - lo <= Tick;
        var read = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var pass = new List<JsonElement>(first.Data);
        var rereads = 0;
        // An answer that says there is more but gives nothing new (an empty first page, or a later one holding
        // only the overlap) cannot end the window: it is a doubt, and the window is read again.
        var more = first.HasMore;
        while (more)
        {
            if (pass.Count > _context.Tuning.SkipThreshold)
            {
                if (!instant) return null;
                throw new InvalidOperationException(
                    $"More than {_context.Tuning.SkipThreshold} {_context.Definition.Name} records share the {_field} " +
                    $"{CloseTimestamp.Format(lo)}; they cannot be read without paging deeper than the skip threshold. " +
                    "Raise SyncTuning.SkipThreshold (Close's max_skip permitting).");
            }

            if (pass.Count > 0)
            {
                var page = await ReadAsync(lo, hi, pass.Count - 1, CrowdLimit, cancellationToken).ConfigureAwait(false);
                if (VerifyWindows) Verify(page, lo, hi);
                if (page.Data.Count > 0 && IdOf(page.Data[0]) is { } id && id == IdOf(pass[^1]) &&
                    (page.Data.Count > 1 || !page.HasMore))
                {
                    pass.AddRange(page.Data.Skip(1));
                    more = page.HasMore;
                    continue;
                }
            }

            if (++rereads > MaxRereads)
            {
                throw new InvalidOperationException(
                    $"The {_context.Definition.Name} records with a {_field} in {CloseTimestamp.Format(lo)} .. {CloseTimestamp.Format(hi)} kept changing " +
                    $"while they were paged ({MaxRereads} times); the stream stops before them rather than miss one. Run again.");
            }

            Keep(read, pass);
            var again = await ReadAsync(lo, hi, 0, CrowdLimit, cancellationToken).ConfigureAwait(false);
            if (VerifyWindows) Verify(again, lo, hi);
            pass = new List<JsonElement>(again.Data);
            more = again.HasMore;
        }

        if (read.Count == 0) return pass;
        Keep(read, pass);
        return [.. read.Values];
    }

    private void Verify(ClosePage page, DateTimeOffset lo, DateTimeOffset hi)
    {
        foreach (var item in page.Data)
        {
            // An object without the field cannot be judged; Close's filters leave such objects out anyway.
            if (StreamContext.ReadTime(item, _field) is { } t && (t < lo || t >= hi))
                throw new FilterIgnoredException(_path, _field, lo, hi, t);
        }
    }

    /// <summary>Adds <paramref name="items"/> by id, a later read replacing an earlier one.</summary>
    private static void Keep(Dictionary<string, JsonElement> read, List<JsonElement> items)
    {
        foreach (var item in items)
        {
            if (IdOf(item) is { } id) read[id] = item;
        }
    }

    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>The page size of a crowded instant's pages: one object of each page is the overlap.</summary>
    private int CrowdLimit => Math.Max(2, _pageSize);

    private Task<ClosePage> ReadAsync(DateTimeOffset lo, DateTimeOffset hi, int skip, CancellationToken cancellationToken) =>
        ReadAsync(lo, hi, skip, _pageSize, cancellationToken);

    private async Task<ClosePage> ReadAsync(DateTimeOffset lo, DateTimeOffset hi, int skip, int limit, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>(_baseQuery)
        {
            new($"{_field}__gte", CloseTimestamp.FormatForFilter(lo)),
            new($"{_field}__lt", CloseTimestamp.FormatForFilter(hi)),
        };
        if (_context.FieldsWith(_neededFields) is { } fields) query.Add(new("_fields", fields));
        var pager = new SkipLimitPager(_context.Client, _path, query, limit) { Counters = _context.Counters };
        var page = await pager.ReadPageAsync(skip, cancellationToken).ConfigureAwait(false);
        if (pager.PageSize < limit) _pageSize = Math.Min(_pageSize, pager.PageSize); // Close refused the larger one
        return page;
    }

    private static TimeSpan Halve(TimeSpan span) => AlignSpan(TimeSpan.FromTicks(span.Ticks / 2));

    private static TimeSpan AlignSpan(TimeSpan span) => TimeSpan.FromTicks(span.Ticks - (span.Ticks % Tick.Ticks));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Describe(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>The server answered a window request with an object outside the window: it ignores that date filter.</summary>
internal sealed class FilterIgnoredException(string path, string field, DateTimeOffset lo, DateTimeOffset hi, DateTimeOffset found)
    : Exception($"{path} answered the window {CloseTimestamp.Format(lo)} .. {CloseTimestamp.Format(hi)} on {field} with an object whose " +
                $"{field} is {CloseTimestamp.Format(found)}: the server ignores the {field} filter.")
{
    public string Field { get; } = field;
}
