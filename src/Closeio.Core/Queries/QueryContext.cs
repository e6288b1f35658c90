using System.Collections.Concurrent;

namespace Closeio.Core.Queries;

/// <summary>
/// What the queries of one command invocation share: the connection, the paging (-Skip/-First counted
/// across all of them), the request counters, the organization's custom fields (read once, or taken
/// from the connection's <see cref="CustomFieldCache"/>), the total Close reports, and the warnings
/// the queries raise for the caller to show.
/// </summary>
public sealed class QueryContext
{
    private readonly Dictionary<string, IReadOnlyList<CustomFieldDefinition>> _customFields = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _customFieldsGate = new(1, 1);
    private readonly System.Runtime.CompilerServices.StrongBox<int> _customFieldPageSize = new(CustomFieldSet.PageSize);
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly CustomFieldCache? _cache;

    /// <summary>Creates the context.</summary>
    /// <param name="connection">The organization to read.</param>
    /// <param name="paging">-Skip/-First; null for everything.</param>
    /// <param name="customFieldCache">The connection's kept custom fields; null to read them for this context alone.</param>
    public QueryContext(CloseConnection connection, QueryPaging? paging = null, CustomFieldCache? customFieldCache = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Paging = paging ?? new QueryPaging();
        _cache = customFieldCache;
    }

    /// <summary>
    /// True when the caller shows a total (-IncludeTotalCount): a query whose total Close does not give
    /// but that is cheap to count (custom fields) then counts before it hands records over.
    /// </summary>
    public bool WantsTotalCount { get; init; }

    /// <summary>
    /// How many records the first query that knows it says match (Close's <c>count.total</c> of a lead
    /// search, a list's <c>total_results</c>, or a count), before -Skip/-First; null while unknown.
    /// Set before the query hands over its first record.
    /// </summary>
    public long? TotalCount { get; private set; }

    /// <summary>False when <see cref="TotalCount"/> is Close's count over a slightly wider range than asked (an estimate).</summary>
    public bool TotalCountIsExact { get; private set; } = true;

    /// <summary>Records the total a query learnt; the first one reported stays.</summary>
    internal void ReportTotal(long total, bool exact = true)
    {
        if (TotalCount is not null) return;
        TotalCount = Math.Max(0, total);
        TotalCountIsExact = exact;
    }

    /// <summary>Queues a warning for the caller (e.g. a custom field deleted while the query ran).</summary>
    internal void Warn(string message) => _warnings.Enqueue(message);

    /// <summary>The warnings raised since the last call, oldest first; call on the thread that shows them.</summary>
    public IReadOnlyList<string> TakeWarnings()
    {
        var taken = new List<string>();
        while (_warnings.TryDequeue(out var warning)) taken.Add(warning);
        return taken;
    }

    /// <summary>Forgets the custom fields read so far (here and in the connection's cache): one turned out to be gone.</summary>
    internal void ForgetCustomFields()
    {
        _cache?.Clear();
        _customFieldsGate.Wait();
        try
        {
            _customFields.Clear();
        }
        finally
        {
            _customFieldsGate.Release();
        }
    }

    /// <summary>The organization read.</summary>
    public CloseConnection Connection { get; }

    /// <summary>The paging shared by every query of the invocation.</summary>
    public QueryPaging Paging { get; }

    /// <summary>Requests, retries and rate-limit waits of the invocation.</summary>
    public RequestCounters Counters { get; } = new();

    /// <summary>The custom field definitions of the given kinds, read from Close once per kind (or kept by the connection's cache).</summary>
    internal async Task<IReadOnlyList<CustomFieldDefinition>> CustomFieldsAsync(IEnumerable<string> kinds, CancellationToken cancellationToken)
    {
        var all = new List<CustomFieldDefinition>();
        await _customFieldsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var kind in kinds)
            {
                if (!_customFields.TryGetValue(kind, out var ofKind))
                {
                    var ofThisKind = kind;
                    Task<IReadOnlyList<CustomFieldDefinition>> Read(CancellationToken token) =>
                        CustomFieldSet.ReadDefinitionsAsync(Connection.Client, ofThisKind, _customFieldPageSize, Counters, token);
                    ofKind = _cache is null
                        ? await Read(cancellationToken).ConfigureAwait(false)
                        : await _cache.GetAsync(kind, Read, cancellationToken).ConfigureAwait(false);
                    _customFields[kind] = ofKind;
                }

                all.AddRange(ofKind);
            }
        }
        finally
        {
            _customFieldsGate.Release();
        }

        return all;
    }
}
