namespace Closeio.Core.Tests.Http;

/// <summary>What the fake server saw of one request.</summary>
internal sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Authorization, string? UserAgent,
    string? MethodOverride, string? Body, DateTimeOffset ClockAt);

/// <summary>
/// A fake server that answers each request with the next scripted step, and records what it saw
/// (including the test clock's time, so waits can be measured).
/// </summary>
internal sealed class ScriptedHandler(SandboxClock clock) : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _steps = new();
    private readonly List<SeenRequest> _seen = [];

    public IReadOnlyList<SeenRequest> Seen { get { lock (_seen) return [.. _seen]; } }

    /// <summary>The step used when the script runs out (null: fail the test loudly).</summary>
    public Func<HttpResponseMessage>? Otherwise { get; set; }

    public ScriptedHandler Then(Func<HttpResponseMessage> answer)
    {
        _steps.Enqueue(_ => Task.FromResult(answer()));
        return this;
    }

    public ScriptedHandler ThenJson(HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        Then(() => Json(status, json, headers));

    public ScriptedHandler ThenOk(string json = """{"data": [], "has_more": false}""", params (string Name, string Value)[] headers) =>
        ThenJson(HttpStatusCode.OK, json, headers);

    public ScriptedHandler ThenThrow(Exception e)
    {
        _steps.Enqueue(_ => Task.FromException<HttpResponseMessage>(e));
        return this;
    }

    /// <summary>Never answers; only cancellation (the client's timeout) ends the wait.</summary>
    public ScriptedHandler ThenHang()
    {
        _steps.Enqueue(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_seen)
        {
            _seen.Add(new SeenRequest(request.Method, request.RequestUri!,
                request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("User-Agent", out var ua) ? string.Join(" ", ua) : null,
                request.Headers.TryGetValues("x-http-method-override", out var mo) ? mo.Single() : null,
                body, clock.GetUtcNow()));
        }
        Func<CancellationToken, Task<HttpResponseMessage>>? step;
        lock (_steps) _steps.TryDequeue(out step);
        if (step is null)
        {
            if (Otherwise is null) throw new InvalidOperationException("The script has no answer left for " + request.RequestUri);
            return Otherwise();
        }
        var response = await step(cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}

/// <summary>Content that can only be read as a stream: buffering it (ReadAsString, ResponseContentRead) fails.</summary>
internal sealed class StreamOnlyContent(Func<Stream> open) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        throw new InvalidOperationException("The body was buffered instead of streamed.");

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(open());

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>A body that delivers some bytes and then fails as a dropped connection does.</summary>
internal sealed class DroppingStream(byte[] prefix) : Stream
{
    private int _position;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= prefix.Length) throw new IOException("The connection was reset by the peer.");
        var n = Math.Min(count, prefix.Length - _position);
        Array.Copy(prefix, _position, buffer, offset, n);
        _position += n;
        return n;
    }
}
