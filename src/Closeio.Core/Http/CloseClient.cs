using System.Text.Json;

namespace Closeio.Core.Http;

/// <summary>
/// The one way Core talks to Close: authentication, retries and rate limits, streaming JSON, and
/// failures turned into <see cref="CloseApiException"/>. One HttpClient per instance, reused;
/// safe to call from several threads at once.
/// </summary>
public sealed class CloseClient : IDisposable
{
    /// <summary>Creates a client for one connection.</summary>
    public CloseClient(CloseConnectionOptions options) => throw new NotImplementedException();

    /// <summary>The base URI requests are relative to.</summary>
    public Uri BaseUri => throw new NotImplementedException();

    /// <summary>The server's clock as of the most recent answer's Date header; null before any answer.</summary>
    public DateTimeOffset? LastServerDate => throw new NotImplementedException();

    /// <summary>
    /// Sends one request (retrying transient failures) and returns the answer's JSON, parsed from the
    /// response stream as it arrives. The caller disposes the document.
    /// </summary>
    /// <exception cref="CloseApiException">The request failed for good.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<JsonDocument> SendAsync(CloseRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Asks <c>GET me/</c> who the key belongs to: the cheap way to check a key.</summary>
    public Task<CloseIdentity> GetIdentityAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose() => throw new NotImplementedException();
}
