namespace Closeio.Core.Tests.Support;

/// <summary>
/// Lets the first <see cref="Allow"/> requests whose path contains a given part through, then holds the
/// next one until its request is cancelled (the session is disposed): a run stopped at a known point.
/// </summary>
public sealed class GateHandler(string pathPart, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _seen;

    /// <summary>How many matching requests pass; int.MaxValue opens the gate.</summary>
    public int Allow { get; set; } = int.MaxValue;

    /// <summary>Set when a request is held.</summary>
    public ManualResetEventSlim Reached { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.Contains(pathPart, StringComparison.Ordinal) &&
            Interlocked.Increment(ref _seen) > Allow)
        {
            Reached.Set();
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the gate after <paramref name="allow"/> more matching requests.</summary>
    public void CloseAfter(int allow)
    {
        Reached.Reset();
        _seen = 0;
        Allow = allow;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Reached.Dispose();
        base.Dispose(disposing);
    }
}
