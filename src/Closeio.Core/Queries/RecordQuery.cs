namespace Closeio.Core.Queries;

/// <summary>
/// One read of a stream's records with filters, as the Get-* cmdlets need it: Close's pages are
/// shaped into <see cref="Record"/>s (the same columns and type as a sync of that stream) and handed
/// over one by one on the caller's thread. Reading stops, with no further request, as soon as the
/// context's paging is complete or the caller stops enumerating.
/// </summary>
public abstract class RecordQuery
{
    private protected RecordQuery()
    {
    }

    /// <summary>The stream whose records this query returns.</summary>
    public abstract Streams.StreamDefinition Definition { get; }

    /// <summary>The name of that stream.</summary>
    public string Stream => Definition.Name;

    /// <summary>
    /// Runs the query, blocking the calling thread between pages. Call from one thread; dispose the
    /// enumerator (a <c>foreach</c> does) to stop early.
    /// </summary>
    /// <exception cref="Closeio.Core.Http.CloseApiException">Close refused the request or failed after retries.</exception>
    /// <exception cref="ArgumentException">A filter or property is not valid for the stream.</exception>
    public IEnumerable<Record> Run(QueryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunIterator(context, cancellationToken);
    }

    /// <summary>The same as <see cref="Run"/>, asynchronously.</summary>
    public async IAsyncEnumerable<Record> RunAsync(QueryContext context,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Paging.IsComplete) yield break;
        await foreach (var record in ReadAsync(context, cancellationToken).ConfigureAwait(false))
        {
            if (context.Paging.Admit()) yield return record;
            if (context.Paging.IsComplete) yield break;
        }
    }

    private IEnumerable<Record> RunIterator(QueryContext context, CancellationToken cancellationToken)
    {
        if (context.Paging.IsComplete) yield break;
        foreach (var record in RunAsync(context, cancellationToken).ToBlockingEnumerable(cancellationToken))
            yield return record;
    }

    /// <summary>Reads every matching record, in Close's order; paging is applied by the caller.</summary>
    private protected abstract IAsyncEnumerable<Record> ReadAsync(QueryContext context, CancellationToken cancellationToken);
}
