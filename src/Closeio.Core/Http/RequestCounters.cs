namespace Closeio.Core.Http;

/// <summary>
/// Tallies of what requests cost; one instance per stream (or per run), shared safely across threads.
/// </summary>
public sealed class RequestCounters
{
    private long _requests;
    private long _retries;
    private long _rateLimited;
    private long _errors;

    /// <summary>Every attempt sent, retries included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Attempts that were repeated after a transient failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Answers of 429 Too Many Requests.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Requests that failed for good (after any retries).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    internal void AddRequest() => Interlocked.Increment(ref _requests);
    internal void AddRetry() => Interlocked.Increment(ref _retries);
    internal void AddRateLimited() => Interlocked.Increment(ref _rateLimited);
    internal void AddError() => Interlocked.Increment(ref _errors);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Requests} requests, {Retries} retries, {RateLimited} rate-limited, {Errors} errors";
}
