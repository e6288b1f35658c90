namespace Closeio.Core.Streams;

/// <summary>
/// Reads the leads updated in a range, oldest <c>date_updated</c> first, for both the leads stream and
/// Get-CloseioLead. A search cursor is a position in a result set that edits reorder (an edited lead
/// sorts last, and the next one slides into its place), so pages are read by key instead: every page
/// is a fresh query that starts at the last <c>date_updated</c> read, leaving out the ids already read
/// at that instant. Only when more leads than a page share one millisecond is a cursor followed, over
/// that millisecond alone, whose result set edits can only shrink; it is read again until one pass
/// saw it unchanged. More leads in that millisecond than one search returns fail the read loudly.
/// Search moments go as milliseconds and <c>Z</c>, the lower bound rounded down and the upper bound
/// up, and the exact bounds are applied here. At most <see cref="MaxSelectors"/> <c>_fields</c>
/// selectors go in one request; the rest of a page's fields are read by id. Close's search also
/// finds contacts: the same scan reads them when given that object type.
/// </summary>
internal sealed class LeadScan
{
    /// <summary>Most <c>_fields</c> selectors in one request: Close is reported to accept about 80 and refuse about 140.</summary>
    public const int MaxSelectors = 80;

    /// <summary>The fewest selectors per request tried after Close keeps refusing.</summary>
    private const int MinSelectors = 10;

    /// <summary>Passes over one crowded millisecond before giving up on reading it unchanged.</summary>
    private const int MaxCrowdedPasses = 8;

    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private readonly CloseClient _client;
    private readonly RecordShaper _shaper;
    private readonly RequestCounters? _counters;
    private readonly int _cap;
    private readonly Action<string> _warn;
    private readonly Action<string> _log;
    private readonly List<string> _selectors;
    private readonly string _objectType;
    private int _maxSelectors = MaxSelectors;
    private bool _fieldsIgnored;

    /// <param name="client">The client requests go through.</param>
    /// <param name="shaper">Shapes each lead into a record.</param>
    /// <param name="selectors">The <c>_fields</c> selectors wanted (see <see cref="LeadSearch.Fields"/>).</param>
    /// <param name="pageSize">The <c>_limit</c> of each search.</param>
    /// <param name="cap">Most objects one search query yields (Close: 10,000).</param>
    /// <param name="counters">Where requests are counted; null = not counted.</param>
    /// <param name="warn">Receives warnings (a custom field that vanished).</param>
    /// <param name="log">Receives notes for the run's log.</param>
    /// <param name="objectType">The search's object type: <c>lead</c>, or <c>contact</c>.</param>
    public LeadScan(CloseClient client, RecordShaper shaper, IReadOnlyList<string> selectors, int pageSize, int cap,
        RequestCounters? counters, Action<string>? warn = null, Action<string>? log = null, string objectType = LeadSearch.Lead)
    {
        _objectType = objectType;
        _client = client;
        _shaper = shaper;
        _selectors = selectors.Distinct(StringComparer.Ordinal).ToList();
        PageSize = Math.Clamp(pageSize, 1, SearchPager.MaxPageSize);
        _cap = Math.Max(1, cap);
        _counters = counters;
        _warn = warn ?? (_ => { });
        _log = log ?? (_ => { });
    }

    /// <summary>The <c>_limit</c> in use: smaller once Close refused the larger one.</summary>
    public int PageSize { get; private set; }

    /// <summary>
    /// Close's <c>count.total</c> on the first page of the scan (the whole range asked for); null before
    /// that page or when the answer had no count.
    /// </summary>
    public long? FirstTotalCount { get; private set; }

    private bool _firstPageRead;

    /// <summary>
    /// Every lead with <c>date_updated</c> in [<paramref name="from"/>, <paramref name="before"/>) (a null
    /// bound: no bound), in batches sorted by (<c>date_updated</c>, id). A lead edited during the read
    /// may come twice (before and after its edit); none is ever skipped.
    /// </summary>
    /// <exception cref="InvalidOperationException">More leads share one millisecond than one search can return.</exception>
    public async IAsyncEnumerable<IReadOnlyList<(Record Record, JsonElement Raw)>> ReadAsync(DateTimeOffset? from, DateTimeOffset? before,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var atFrom = new HashSet<string>(StringComparer.Ordinal);
        while (from is null || before is null || from < before)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (page, primary) = await FirstPageAsync(from, before, cancellationToken).ConfigureAwait(false);
            CheckSorted(page.Data);
            var items = await CompleteAsync(page.Data, primary, cancellationToken).ConfigureAwait(false);
            var fresh = new List<(Record Record, JsonElement Raw)>();
            var pastEnd = false;
            foreach (var item in items)
            {
                var record = _shaper.Shape(item);
                if (before is { } b && record.Key >= b)
                {
                    pastEnd = true;
                    continue;
                }

                if (from is { } f && (record.Key < f || (record.Key == f && atFrom.Contains(record.Id)))) continue;
                if (fresh.Any(x => x.Record.Id == record.Id && x.Record.Key == record.Key)) continue;
                fresh.Add((record, item));
            }

            fresh.Sort((x, y) => WindowBatch.Order(x.Record, y.Record));
            foreach (var (record, _) in fresh)
            {
                if (from is not { } f || record.Key > f)
                {
                    from = record.Key;
                    atFrom.Clear();
                }

                atFrom.Add(record.Id);
            }

            if (fresh.Count > 0) yield return fresh;
            var more = page.Data.Count > 0 && !pastEnd &&
                ((page.NextCursor is not null && page.Data.Count >= PageSize) || LeadSearch.WasCapped(page) || page.Data.Count >= _cap);
            if (!more) yield break;
            if (fresh.Count > 0) continue;

            // A whole page at (or just before) the instant already read: more leads share its millisecond than a page holds.
            var at = from!.Value;
            var end = Floor(at) + Millisecond;
            if (before is { } upper && upper < end) end = upper;
            var crowd = await CrowdedAsync(at, end, atFrom, cancellationToken).ConfigureAwait(false);
            if (crowd.Count > 0) yield return crowd;
            from = end;
            atFrom.Clear();
        }
    }

    /// <summary>
    /// Every lead in [<paramref name="at"/>, <paramref name="end"/>) not among <paramref name="seenAt"/>,
    /// sorted. Edits can only take leads out of a past millisecond, so a pass during which the count
    /// stayed the same and that returned that many leads saw all of them; passes repeat until one does.
    /// </summary>
    private async Task<List<(Record Record, JsonElement Raw)>> CrowdedAsync(DateTimeOffset at, DateTimeOffset end,
        HashSet<string> seenAt, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (Record Record, JsonElement Raw)>(StringComparer.Ordinal);
        int? previous = null;
        for (var pass = 1; ; pass++)
        {
            if (pass > MaxCrowdedPasses)
            {
                throw new InvalidOperationException(
                    $"The {Label} records that share the date_updated {CloseTimestamp.Format(at)} kept changing while they were read " +
                    $"({MaxCrowdedPasses} passes); the {Label} stream stopped there rather than risk skipping one. Run it again.");
            }

            SearchPager? pager = null;
            List<string> primary = [];
            string? cursor = null;
            var returned = 0;
            var added = 0;
            var totals = new List<long?>();
            var whole = true;
            while (true)
            {
                ClosePage page;
                try
                {
                    if (pager is null)
                        (page, primary, pager) = await FirstPageWithPagerAsync(Floor(at), end, cancellationToken).ConfigureAwait(false);
                    else
                        page = await pager.ReadPageAsync(cursor, cancellationToken).ConfigureAwait(false);
                }
                catch (CloseApiException e) when (cursor is not null && e.StatusCode == 400)
                {
                    // An expired cursor (or a field gone since the pass began): read the millisecond again.
                    _log($"{Label}: a search cursor over {CloseTimestamp.Format(at)} was refused ({e.CloseError}); reading that instant again.");
                    whole = false;
                    break;
                }

                if (LeadSearch.WasCapped(page) || returned + page.Data.Count > _cap ||
                    (returned + page.Data.Count == _cap && page.NextCursor is null && page.TotalCount is null))
                {
                    throw new InvalidOperationException(
                        $"More {Label} records share the date_updated {CloseTimestamp.Format(at)} (to the millisecond) than one search can return " +
                        $"({(page.LimitedCount ?? _cap):N0}, Close's cap is 10,000); the {Label} stream cannot get past that instant " +
                        "without skipping leads, so it stops here.");
                }

                returned += page.Data.Count;
                totals.Add(page.TotalCount);
                foreach (var item in await CompleteAsync(page.Data, primary, cancellationToken).ConfigureAwait(false))
                {
                    var record = _shaper.Shape(item);
                    if (record.Key < at || record.Key >= end || (record.Key == at && seenAt.Contains(record.Id))) continue;
                    if (found.TryAdd(record.Id, (record, item))) added++;
                }

                if (page.NextCursor is null || page.Data.Count == 0) break;
                cursor = page.NextCursor;
            }

            if (whole)
            {
                whole = totals.All(t => t is not null)
                    ? totals.Distinct().Count() == 1 && returned == totals[0]
                    : added == 0 && previous == returned;   // no counts: two passes alike
            }

            if (whole) break;
            previous = returned;
        }

        var list = found.Values.ToList();
        list.Sort((x, y) => WindowBatch.Order(x.Record, y.Record));
        return list;
    }

    /// <summary>
    /// Reads the first page of a query. A 400 there may be Close refusing a selector of a custom field
    /// deleted since the run began (the fields are read again and the vanished ones dropped, with a
    /// warning) or too many selectors (fewer are sent); the query is then sent again. Returns the
    /// selectors the search carried, so the rest can be read by id.
    /// </summary>
    private async Task<(ClosePage Page, List<string> Primary)> FirstPageAsync(DateTimeOffset? from, DateTimeOffset? before,
        CancellationToken cancellationToken)
    {
        var (page, primary, _) = await FirstPageWithPagerAsync(from, before, cancellationToken).ConfigureAwait(false);
        return (page, primary);
    }

    private async Task<(ClosePage Page, List<string> Primary, SearchPager Pager)> FirstPageWithPagerAsync(DateTimeOffset? from,
        DateTimeOffset? before, CancellationToken cancellationToken)
    {
        while (true)
        {
            var primary = Primary();
            var pager = new SearchPager(_client, LeadSearch.Body(from, before, primary, _objectType), PageSize) { Counters = _counters };
            CloseApiException refusal;
            try
            {
                var page = await pager.ReadPageAsync(null, cancellationToken).ConfigureAwait(false);
                PageSize = pager.PageSize;
                if (!_firstPageRead)
                {
                    _firstPageRead = true;
                    FirstTotalCount = page.TotalCount;
                }
                return (page, primary, pager);
            }
            catch (CloseApiException e) when (e.StatusCode == 400)
            {
                refusal = e;
            }

            if (!await RecoverAsync(refusal, primary.Count, cancellationToken).ConfigureAwait(false)) throw refusal;
        }
    }

    /// <summary>True when a refusal was about the selectors and they were changed, so the request is worth sending again.</summary>
    private async Task<bool> RecoverAsync(CloseApiException e, int sent, CancellationToken cancellationToken)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        var size = new StrongBox<int>(CustomFieldSet.PageSize);
        foreach (var kind in _shaper.Stream.CustomFieldKinds)
        {
            foreach (var definition in await CustomFieldSet.ReadDefinitionsAsync(_client, kind, size, _counters, cancellationToken)
                         .ConfigureAwait(false))
            {
                live.Add("custom." + definition.Id);
            }
        }

        var gone = _selectors.Where(s => s.StartsWith("custom.", StringComparison.Ordinal) && !live.Contains(s)).ToList();
        if (gone.Count > 0)
        {
            _selectors.RemoveAll(gone.Contains);
            _warn($"{Label}: Close refused the custom field(s) {string.Join(", ", gone.Select(g => g["custom.".Length..]))}, which no longer " +
                  "exist (deleted while the run went on); the run goes on without them, and their columns stay empty.");
            return true;
        }

        var text = e.CloseError ?? "";
        if (sent > MinSelectors && !text.Contains("limit", StringComparison.OrdinalIgnoreCase) &&
            !text.Contains("cursor", StringComparison.OrdinalIgnoreCase))
        {
            _maxSelectors = Math.Max(MinSelectors, Math.Min(_maxSelectors, sent) / 2);
            _log($"{Label}: Close refused a search with {sent} _fields selectors ({text}); asking for at most {_maxSelectors} per request.");
            return true;
        }

        return false;
    }

    /// <summary>The selectors of the search itself: id and date_updated first, then the schema fields, up to the limit.</summary>
    private List<string> Primary()
    {
        var primary = new List<string> { "id", "date_updated" };
        foreach (var s in _selectors)
        {
            if (primary.Count >= _maxSelectors) break;
            if (!primary.Contains(s, StringComparer.Ordinal)) primary.Add(s);
        }

        return primary;
    }

    /// <summary>The selectors a search with <paramref name="primary"/> left out, in batches that each fit one request with the id.</summary>
    private List<List<string>> Rest(List<string> primary)
    {
        return _selectors.Where(s => !primary.Contains(s, StringComparer.Ordinal)).Chunk(_maxSelectors - 1)
            .Select(c => c.ToList()).ToList();
    }

    /// <summary>
    /// Puts each lead of a page together: read whole by id when the server ignored <c>_fields</c>,
    /// else with the selectors the search left out read by id, <c>GET lead/{id}/?_fields=...</c>.
    /// That is the read Close documents <c>_fields</c> and <c>custom.FIELD_ID</c> for; a search with an
    /// id condition would take one request per page, but the shape of such a condition is not documented.
    /// </summary>
    private async Task<IReadOnlyList<JsonElement>> CompleteAsync(IReadOnlyList<JsonElement> data, List<string> primary,
        CancellationToken cancellationToken)
    {
        var items = await LeadSearch.CompleteAsync(_client, data, _shaper.ServerFields, _counters, () =>
        {
            if (_fieldsIgnored) return;
            _fieldsIgnored = true;
            _log(LeadSearch.FieldsIgnoredMessage(Label, _objectType));
        }, cancellationToken, _objectType).ConfigureAwait(false);
        if (_fieldsIgnored) return items;
        var rest = Rest(primary);
        if (rest.Count == 0 || items.Count == 0) return items;

        var merged = new List<JsonElement>(items.Count);
        foreach (var item in items)
        {
            var id = item.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            if (string.IsNullOrEmpty(id))
            {
                merged.Add(item);
                continue;
            }

            var whole = JsonNode.Parse(item.GetRawText())!.AsObject();
            for (var i = 0; i < rest.Count; i++)
            {
                var batch = rest[i];
                var request = new CloseRequest(HttpMethod.Get, LeadSearch.ObjectPath(_objectType, id))
                {
                    Query = [new("_fields", string.Join(',', batch.Prepend("id")))],
                    Counters = _counters,
                };
                CloseApiException refusal;
                try
                {
                    using var answer = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    foreach (var property in answer.RootElement.EnumerateObject())
                    {
                        if (property.Name != "id") whole[property.Name] = JsonNode.Parse(property.Value.GetRawText());
                    }

                    continue;
                }
                catch (CloseApiException e) when (e.StatusCode is 400 or 404)
                {
                    refusal = e;
                }

                // Deleted since the search: delivered with what the search gave (the event log reports the deletion).
                if (refusal.StatusCode == 404) break;
                if (!await RecoverAsync(refusal, batch.Count + 1, cancellationToken).ConfigureAwait(false)) throw refusal;
                rest = Rest(primary);
                i = -1;   // the batches changed: read this lead's again
            }

            merged.Add(JsonSerializer.SerializeToElement(whole));
        }

        return merged;
    }

    /// <summary>
    /// Paging by key starts the next page after the newest lead of this one, which is only safe when
    /// the page holds the oldest leads of the query: a server that ignored the sort would make it
    /// skip leads, so such a page fails the read instead.
    /// </summary>
    private void CheckSorted(IReadOnlyList<JsonElement> data)
    {
        DateTimeOffset? previous = null;
        foreach (var item in data)
        {
            if (StreamContext.ReadTime(item, "date_updated") is not { } key) continue;   // ids only: sorted once read
            if (previous is { } p && key < p)
            {
                throw new InvalidDataException(
                    $"Close answered a {_objectType} search out of date_updated order although it was asked to sort by it; the {Label} " +
                    "stream reads by date_updated and stops rather than risk skipping records.");
            }

            previous = key;
        }
    }

    /// <summary>The stream the scan reads for, as its messages name it.</summary>
    private string Label => _shaper.Stream.Name;

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>
    /// Hands a Get-* query's records over as the scan reads them, reporting Close's count of the first
    /// search to <paramref name="context"/>: exact only when both bounds are whole milliseconds, the
    /// search's resolution, else an estimate over a slightly wider range.
    /// </summary>
    internal async IAsyncEnumerable<Record> QueryAsync(Queries.QueryContext context, DateTimeOffset? from, DateTimeOffset? to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var exact = IsWholeMillisecond(from) && IsWholeMillisecond(to);
        await foreach (var batch in ReadAsync(from, to, cancellationToken).ConfigureAwait(false))
        {
            if (FirstTotalCount is { } total) context.ReportTotal(total, exact);
            foreach (var (record, _) in batch) yield return record;
        }

        if (FirstTotalCount is { } counted) context.ReportTotal(counted, exact);
    }

    private static bool IsWholeMillisecond(DateTimeOffset? instant) =>
        instant is not { } i || i.UtcTicks % TimeSpan.TicksPerMillisecond == 0;
}
