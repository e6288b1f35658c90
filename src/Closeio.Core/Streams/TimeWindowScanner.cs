using System.Globalization;
using System.Text.Json;
using Closeio.Core.Records;

namespace Closeio.Core.Streams;

/// <summary>
/// Reads a skip-paged endpoint over a time range in windows on one date filter, each window read in a
/// single request (<c>_skip=0</c>): a window that still has more is halved, and window sizes adapt to
/// the density seen. A single request is a consistent snapshot, so records that change or vanish
/// while the run goes on can never shift the offsets of a later page and hide a record; and no
/// <c>_skip</c> is ever sent, so Close's max_skip (unknown to the client) is never reached. Only when
/// more than a page of records share one microsecond does it page that instant with <c>_skip</c>, up
/// to <see cref="Sync.SyncTuning.SkipThreshold"/>.
/// </summary>
internal sealed class TimeWindowScanner
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(10); // one microsecond, Close's resolution

    private readonly StreamContext _context;
    private readonly string _path;
    private readonly string _field;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _baseQuery;
    private readonly string[] _neededFields;

    /// <summary>The <c>_limit</c> asked for: the stream's, or a smaller one Close accepted after refusing it.</summary>
    private int _pageSize;

    /// <param name="context">The stream's run.</param>
    /// <param name="path">Endpoint, e.g. <c>task/</c>.</param>
    /// <param name="field">The date filter windows are cut on, e.g. <c>date_updated</c>.</param>
    /// <param name="baseQuery">Filters sent with every request besides the window.</param>
    /// <param name="neededFields">Fields the reader needs even when the user chose fewer.</param>
    public TimeWindowScanner(StreamContext context, string path, string field,
        IReadOnlyList<KeyValuePair<string, string>> baseQuery, params string[] neededFields)
    {
        _neededFields = neededFields;
        _context = context;
        _path = path;
        _field = field;
        _baseQuery = baseQuery;
        _pageSize = context.PageSize;
    }

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
    public async Task ScanAsync(DateTimeOffset from, DateTimeOffset to,
        Func<IReadOnlyList<JsonElement>, DateTimeOffset, DateTimeOffset, CancellationToken, ValueTask> onWindow,
        CancellationToken cancellationToken)
    {
        var lo = Align(from);
        var end = Align(to);
        var maxWindow = Max(Tick, AlignSpan(_context.Tuning.MaxWindow));
        var size = Min(end - lo, maxWindow);
        while (lo < end)
        {
            var target = Math.Max(1, _pageSize * 8 / 10);
            cancellationToken.ThrowIfCancellationRequested();
            var hi = end - lo <= size ? end : lo + size;
            var page = await ReadAsync(lo, hi, 0, cancellationToken).ConfigureAwait(false);
            if (VerifyWindows) Verify(page, lo, hi);
            if (page.HasMore && hi - lo > Tick)
            {
                size = Max(Tick, Halve(hi - lo));
                continue;
            }

            var items = page.HasMore
                ? await ReadCrowdedInstantAsync(lo, hi, page, cancellationToken).ConfigureAwait(false)
                : page.Data;
            _context.Progress($"{Describe(lo)} .. {Describe(hi)}");
            await onWindow(items, lo, hi, cancellationToken).ConfigureAwait(false);

            // Aim the next window at about 80% of a page, judging by this one's density.
            var span = hi - lo;
            var factor = items.Count == 0 ? 4.0 : Math.Clamp((double)target / items.Count, 0.5, 4.0);
            size = Min(maxWindow, Max(Tick, AlignSpan(TimeSpan.FromTicks((long)Math.Min(span.Ticks * factor, TimeSpan.MaxValue.Ticks / 2)))));
            lo = hi;
        }
    }

    /// <summary>
    /// More than a page of objects share the instant <paramref name="lo"/>: page it with <c>_skip</c>, within the threshold.
    /// Pages overlap by one object: each must start with the last object of the page before. When it does
    /// not, an object before the offset left the instant between two requests (a task was edited, an
    /// activity deleted) and every later one slid one offset down, under the next page's start; so the
    /// instant is read again from the start, keeping what was read (the newest version of each).
    /// </summary>
    private async Task<IReadOnlyList<JsonElement>> ReadCrowdedInstantAsync(DateTimeOffset lo, DateTimeOffset hi,
        ClosePage first, CancellationToken cancellationToken)
    {
        const int MaxRereads = 5;
        var read = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var pass = new List<JsonElement>(first.Data);
        var rereads = 0;
        var more = first.HasMore && first.Data.Count > 0;
        while (more)
        {
            if (pass.Count > _context.Tuning.SkipThreshold)
            {
                throw new InvalidOperationException(
                    $"More than {_context.Tuning.SkipThreshold} {_context.Definition.Name} records share the {_field} " +
                    $"{CloseTimestamp.Format(lo)}; they cannot be read without paging deeper than the skip threshold. " +
                    "Raise SyncTuning.SkipThreshold (Close's max_skip permitting).");
            }

            var page = await ReadAsync(lo, hi, pass.Count - 1, CrowdLimit, cancellationToken).ConfigureAwait(false);
            if (page.Data.Count > 0 && IdOf(page.Data[0]) is { } id && id == IdOf(pass[^1]))
            {
                pass.AddRange(page.Data.Skip(1));
                more = page.HasMore && page.Data.Count > 1;
                continue;
            }

            if (++rereads > MaxRereads)
            {
                throw new InvalidOperationException(
                    $"The {_context.Definition.Name} records that share the {_field} {CloseTimestamp.Format(lo)} kept changing " +
                    $"while they were paged ({MaxRereads} times); the stream stops before that instant rather than miss one. Run again.");
            }

            Keep(read, pass);
            page = await ReadAsync(lo, hi, 0, CrowdLimit, cancellationToken).ConfigureAwait(false);
            pass = new List<JsonElement>(page.Data);
            more = page.HasMore && page.Data.Count > 0;
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
