namespace Closeio.PowerShell.Internal;

/// <summary>
/// The Get-* record cmdlets: -Connection, -First/-Skip counted across the whole invocation, records
/// streamed to the pipeline as each page arrives, one verbose line per request, Core's warnings as
/// Write-Warning, and -IncludeTotalCount's object, written before the first record, with the total
/// Close gives (or "Unknown total count" where it gives none).
/// </summary>
public abstract class CloseioQueryCmdlet : CloseioCmdlet
{
    private QueryContext? _context;
    private Connection? _connection;
    private readonly RecordObjectFactory _objects = new();
    private bool _totalWritten;

    /// <summary>The organization to read; the session's connection (Connect-Closeio) when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    public Connection? Connection { get; set; }

    /// <summary>Resolves the connection and paging once for the whole invocation.</summary>
    protected override void BeginProcessing()
    {
        _connection = RequireConnection(Connection);
        var paging = PagingParameters is { } p ? QueryPaging.FromPagingParameters(p.Skip, p.First) : new QueryPaging();
        _context = new QueryContext(_connection.Core, paging, _connection.CustomFields)
        {
            WantsTotalCount = PagingParameters?.IncludeTotalCount == true,
        };
        ListenToRequests(_connection);
    }

    /// <summary>Writes the total count when no record came to carry it first.</summary>
    protected override void EndProcessing()
    {
        FlushRequestLog();
        FlushWarnings();
        WriteTotalCount();
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
                FlushWarnings();
                WriteTotalCount();
                WriteObject(_objects.Create(record));
            }
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            FlushRequestLog();
            FlushWarnings();
            ReportFailure(e, target, _connection!.Redactor);
        }

        FlushRequestLog();
        FlushWarnings();
    }

    /// <summary>Shows the warnings Core raised (a custom field deleted during the read, ...).</summary>
    private void FlushWarnings()
    {
        if (_context is null) return;
        NeverInquire();
        foreach (var warning in _context.TakeWarnings()) WriteWarning(warning);
    }

    /// <summary>
    /// -IncludeTotalCount: once, before the first record, the total the queries learnt from Close
    /// (exact, or an estimate), else "Unknown total count".
    /// </summary>
    private void WriteTotalCount()
    {
        if (_totalWritten || _context is not { WantsTotalCount: true } context || PagingParameters is null) return;
        _totalWritten = true;
        WriteObject(context.TotalCount is { } total
            ? PagingParameters.NewTotalCount((ulong)total, context.TotalCountIsExact ? 1.0 : 0.9)
            : PagingParameters.NewTotalCount(0, 0.0));
    }
}
