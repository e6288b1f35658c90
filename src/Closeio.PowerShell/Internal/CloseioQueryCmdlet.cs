using System.Management.Automation;
using Closeio.Core.Queries;

namespace Closeio.PowerShell.Internal;

/// <summary>
/// The Get-* record cmdlets: -Connection, -First/-Skip counted across the whole invocation, records
/// streamed to the pipeline as each page arrives, and one verbose line per request.
/// </summary>
public abstract class CloseioQueryCmdlet : CloseioCmdlet
{
    private QueryContext? _context;
    private Connection? _connection;
    private readonly RecordObjectFactory _objects = new();

    /// <summary>The organization to read; the session's connection (Connect-Closeio) when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    public Connection? Connection { get; set; }

    /// <summary>Resolves the connection and paging once for the whole invocation.</summary>
    protected override void BeginProcessing()
    {
        _connection = RequireConnection(Connection);
        var paging = PagingParameters is { } p ? QueryPaging.FromPagingParameters(p.Skip, p.First) : new QueryPaging();
        _context = new QueryContext(_connection.Core, paging);
        ListenToRequests(_connection);
        if (PagingParameters?.IncludeTotalCount == true)
            WriteObject(PagingParameters.NewTotalCount(0, 0.0));
    }

    /// <summary>Runs one query and writes its records as they arrive; failures are reported by kind.</summary>
    internal void Emit(RecordQuery query, object? target = null)
    {
        var context = _context!;
        if (context.Paging.IsComplete) return;
        try
        {
            foreach (var record in query.Run(context, StopToken))
            {
                FlushRequestLog();
                WriteObject(_objects.Create(record));
            }
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            FlushRequestLog();
            ReportFailure(e, target, _connection!.Secret);
        }

        FlushRequestLog();
    }
}
