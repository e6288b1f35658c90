namespace Closeio.Core.Streams;

/// <summary>
/// Leads: Close's <c>/lead/</c> has no date filter, so the run asks Advanced Filtering
/// (<c>POST data/search/</c>) for leads with <c>date_updated</c> in [bookmark, upper bound), sorted by
/// <c>date_updated</c> ascending. A search cursor is a position that edits shift, so the scan pages
/// by key (see <see cref="LeadScan"/>, which Get-CloseioLead reads through too): each page starts at
/// the last <c>date_updated</c> read, dropping the ids already read at that instant. Close's search
/// finds contacts the same way: a reader made for that object type reads them.
/// </summary>
/// <param name="objectType">The search's object type: <c>lead</c> (the default), or <c>contact</c>.</param>
internal sealed class LeadsReader(string objectType = LeadSearch.Lead) : IStreamReader
{
    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var admission = new RecordAdmission(context);
        var from = TimeWindowScanner.Align(context.ResumeFrom);
        var scan = new LeadScan(context.Client, context.Shaper, LeadSearch.Fields(context.Shaper, context.CustomFields),
            Math.Min(context.PageSize, SearchPager.MaxPageSize), context.Tuning.SearchResultCap, context.Counters,
            context.Warn, context.Log, objectType);

        // Records at the newest key read so far wait: the next page may hold more at that key,
        // and records of one key go out together, in id order.
        var held = new NewestKeyHold();
        var read = 0;
        await foreach (var batch in scan.ReadAsync(from, context.UpperBound, cancellationToken).ConfigureAwait(false))
        {
            read += batch.Count;
            var ready = new List<Record>();
            foreach (var (record, raw) in batch)
            {
                if (admission.Admit(record, raw)) held.Add(record, ready);
            }

            if (ready.Count > 0)
            {
                ready.Sort(WindowBatch.Order);
                await context.Emit(ready, cancellationToken).ConfigureAwait(false);
            }

            context.Progress($"{read} {context.Definition.Name} read from {CloseTimestamp.Format(from)}");
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
