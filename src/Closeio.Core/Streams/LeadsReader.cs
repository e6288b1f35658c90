using Closeio.Core.Http;
using Closeio.Core.Records;

namespace Closeio.Core.Streams;

/// <summary>
/// Leads: Close's <c>/lead/</c> has no date filter, so the run asks Advanced Filtering
/// (<c>POST data/search/</c>) for leads with <c>date_updated</c> in [bookmark, upper bound), sorted by
/// <c>date_updated</c> ascending, following the cursor. One query yields at most the search cap (known
/// from the setting, or from the answer's <c>count</c> when the server's cap is lower) and a cursor
/// expires after about 30 seconds; either way a new query starts at the last <c>date_updated</c> read,
/// dropping the ids already read at that instant.
/// </summary>
internal sealed class LeadsReader : IStreamReader
{
    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var admission = new RecordAdmission(context);
        var fields = LeadSearch.Fields(context.Shaper, context.CustomFields);
        var from = TimeWindowScanner.Align(context.ResumeFrom);
        var cap = Math.Max(1, context.Tuning.SearchResultCap);

        // Records at the newest key read so far wait: the next page may hold more at that key,
        // and records of one key go out together, in id order.
        var held = new NewestKeyHold();
        var stalled = false;
        var pageSize = Math.Min(context.PageSize, SearchPager.MaxPageSize);
        var fieldsIgnored = false;

        while (true)
        {
            var body = LeadSearch.Body(from, context.UpperBound, fields);
            var pager = new SearchPager(context.Client, body, pageSize)
            {
                Counters = context.Counters,
            };
            string? cursor = null;
            var yielded = 0;
            var fresh = 0;
            var restart = false;
            var capped = false;
            while (true)
            {
                ClosePage page;
                try
                {
                    page = await pager.ReadPageAsync(cursor, cancellationToken).ConfigureAwait(false);
                }
                catch (CloseApiException e) when (cursor is not null && LeadSearch.IsExpiredCursor(e))
                {
                    restart = true;
                    break;
                }

                yielded += page.Data.Count;
                // The counts say whether the server's own cap (which may be lower than ours) cut the query short.
                if (LeadSearch.WasCapped(page)) capped = true;
                var ready = new List<Record>();
                // A server that ignores _fields answers ids only: each lead is then read whole, by id.
                var items = await LeadSearch.CompleteAsync(context.Client, page.Data, context.Shaper.ServerFields, context.Counters,
                    () =>
                    {
                        if (fieldsIgnored) return;
                        fieldsIgnored = true;
                        context.Log(LeadSearch.FieldsIgnoredMessage);
                    }, cancellationToken).ConfigureAwait(false);
                foreach (var item in items)
                {
                    var record = context.Shaper.Shape(item);
                    if (record.Key < from || !admission.Admit(record, item)) continue;
                    fresh++;
                    held.Add(record, ready);
                }

                if (ready.Count > 0)
                {
                    ready.Sort(WindowBatch.Order);
                    await context.Emit(ready, cancellationToken).ConfigureAwait(false);
                }

                context.Progress($"{yielded} leads read from {CloseTimestamp.Format(from)}");
                if (page.NextCursor is null || page.Data.Count == 0)
                {
                    restart = yielded > 0 && (yielded >= cap || capped);
                    break;
                }

                cursor = page.NextCursor;
            }

            pageSize = pager.PageSize; // smaller when Close refused the larger one
            if (!restart) break;

            // Start again at the newest key read; if that cannot get further, no query ever will.
            var next = held.Key ?? from;
            if (next == from && fresh == 0)
            {
                if (stalled)
                {
                    throw new InvalidOperationException(
                        $"More leads share the date_updated {CloseTimestamp.Format(from)} than one search can return " +
                        "(Close's cap is 10,000); the leads stream cannot get past that instant.");
                }

                stalled = true;
            }
            else
            {
                stalled = false;
            }

            from = next;
        }

        var rest = held.Drain();
        if (rest.Count > 0) await context.Emit(rest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Holds back the records at the newest key seen, releasing older ones in (key, id) order.</summary>
    private sealed class NewestKeyHold
    {
        private readonly List<Record> _held = [];

        /// <summary>The newest key seen, or null before the first record.</summary>
        public DateTimeOffset? Key { get; private set; }

        /// <summary>Takes <paramref name="record"/>; records it makes releasable are added to <paramref name="ready"/>.</summary>
        public void Add(Record record, List<Record> ready)
        {
            if (Key is { } newest && record.Key < newest)
            {
                // Out of the server's order (not trusted blindly): still delivered, still sorted.
                ready.Add(record);
                return;
            }

            if (Key is { } k && record.Key > k)
            {
                ready.AddRange(_held);
                _held.Clear();
            }

            Key = record.Key;
            _held.Add(record);
        }

        /// <summary>Releases what is held, sorted.</summary>
        public List<Record> Drain()
        {
            var rest = new List<Record>(_held);
            _held.Clear();
            rest.Sort(WindowBatch.Order);
            return rest;
        }
    }
}
