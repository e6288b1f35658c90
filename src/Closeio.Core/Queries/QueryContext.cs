using Closeio.Core.Http;
using Closeio.Core.Records;

namespace Closeio.Core.Queries;

/// <summary>
/// What the queries of one command invocation share: the connection, the paging (-Skip/-First counted
/// across all of them), the request counters, and the organization's custom fields, read once.
/// </summary>
public sealed class QueryContext
{
    private readonly Dictionary<string, IReadOnlyList<CustomFieldDefinition>> _customFields = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _customFieldsGate = new(1, 1);
    private readonly System.Runtime.CompilerServices.StrongBox<int> _customFieldPageSize = new(CustomFieldReader.PageSize);

    /// <summary>Creates the context.</summary>
    /// <param name="connection">The organization to read.</param>
    /// <param name="paging">-Skip/-First; null for everything.</param>
    public QueryContext(CloseConnection connection, QueryPaging? paging = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Paging = paging ?? new QueryPaging();
    }

    /// <summary>The organization read.</summary>
    public CloseConnection Connection { get; }

    /// <summary>The paging shared by every query of the invocation.</summary>
    public QueryPaging Paging { get; }

    /// <summary>Requests, retries and rate-limit waits of the invocation.</summary>
    public RequestCounters Counters { get; } = new();

    /// <summary>The custom field definitions of the given kinds, read from Close once per kind.</summary>
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
                    ofKind = await CustomFieldReader.ReadDefinitionsAsync(Connection.Client, kind, _customFieldPageSize, Counters, cancellationToken)
                        .ConfigureAwait(false);
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
