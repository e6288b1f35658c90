using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Closeio.Sandbox;

/// <summary>
/// The loopback way in: a small HTTP/1.1 server on 127.0.0.1 (keep-alive, Content-Length or chunked
/// request bodies). Not HttpListener: its managed implementation overwrites the Date header with
/// the machine clock, and the Sandbox's Date must come from the organization's clock.
/// </summary>
public sealed class SandboxListener : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly TcpListener _listener;
    private readonly RequestPipeline _pipeline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly Dictionary<TcpClient, Task> _connections = [];

    internal SandboxListener(RequestPipeline pipeline)
    {
        _pipeline = pipeline;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUri = new Uri($"http://127.0.0.1:{port}/api/v1/");
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The API's base URI on this listener, e.g. <c>http://127.0.0.1:54321/api/v1/</c>.</summary>
    public Uri BaseUri { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (_connections) _connections[client] = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        // Continue off the accept loop; the lock AcceptAsync holds while calling this keeps the
        // finally block below from removing the connection before it is recorded.
        await Task.Yield();
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new HttpRequestReader(stream);
            while (!_stop.IsCancellationRequested)
            {
                var request = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                if (request is null) return;
                var answer = await _pipeline.HandleAsync(request, _stop.Token).ConfigureAwait(false);
                if (answer.DropConnection)
                {
                    // Break off mid-answer, with a reset: a connection that dies before any byte of
                    // the answer is one HttpClient silently retries, and the client must see this one.
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"u8.ToArray(), _stop.Token).ConfigureAwait(false);
                    await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
                    client.Client.LingerState = new LingerOption(true, 0);
                    return;
                }
                await WriteAsync(stream, answer, _stop.Token).ConfigureAwait(false);
                if (request.Headers.TryGetValue("Connection", out var c) && c.Equals("close", StringComparison.OrdinalIgnoreCase)) return;
            }
        }
        catch (Exception)
        {
            // Whatever went wrong (the client left, sent something unreadable, or the listener is
            // stopping), it ends this connection only: the server and its other clients go on.
        }
        finally
        {
            lock (_connections) _connections.Remove(client);
            client.Dispose();
        }
    }

    private static async Task WriteAsync(Stream stream, ApiResponse answer, CancellationToken ct)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.Status} {Reason(answer.Status)}\r\n");
        foreach (var (name, value) in answer.Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Content-Type: ").Append(answer.ContentType).Append("; charset=utf-8\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {answer.Body.Length}\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct).ConfigureAwait(false);
        await stream.WriteAsync(answer.Body, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK", 400 => "Bad Request", 401 => "Unauthorized", 404 => "Not Found", 405 => "Method Not Allowed",
        429 => "Too Many Requests", 500 => "Internal Server Error", 502 => "Bad Gateway", 503 => "Service Unavailable",
        504 => "Gateway Timeout", _ => "Status",
    };

    /// <summary>Stops accepting, closes every open connection and waits until all of them have ended.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        Task[] open;
        lock (_connections)
        {
            foreach (var c in _connections.Keys) c.Dispose();
            open = [.. _connections.Values];
        }
        // ServeAsync swallows its own I/O errors, so waiting cannot throw.
        await Task.WhenAll(open).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Reads HTTP/1.1 requests off one connection, one after another.</summary>
    private sealed class HttpRequestReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        /// <summary>The next request, or null when the client closed the connection between requests.</summary>
        public async Task<ApiRequest?> ReadAsync(CancellationToken ct)
        {
            var requestLine = await ReadLineAsync(ct, allowEof: true).ConfigureAwait(false);
            if (requestLine is null) return null;
            var parts = requestLine.Split(' ');
            if (parts.Length != 3) throw new InvalidDataException("Bad request line.");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var headerBytes = 0;
            while (true)
            {
                var line = await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false) ?? "";
                if (line.Length == 0) break;
                headerBytes += line.Length;
                if (headerBytes > MaxHeaderBytes) throw new InvalidDataException("Headers too large.");
                var colon = line.IndexOf(':');
                if (colon <= 0) throw new InvalidDataException("Bad header line.");
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
            {
                await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);
            }
            byte[] body;
            if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                body = await ReadChunkedAsync(ct).ConfigureAwait(false);
            else if (headers.TryGetValue("Content-Length", out var cl) && int.TryParse(cl, out var length) && length > 0)
                body = await ReadExactlyAsync(length, ct).ConfigureAwait(false);
            else
                body = [];
            // A client talking through a proxy sends the absolute form (http://host/path).
            var target = Uri.TryCreate(parts[1], UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
                ? absolute.PathAndQuery : parts[1];
            return ApiRequest.From(parts[0], target, headers, body);
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
        {
            using var result = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false) ?? "";
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while ((await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false))?.Length > 0) { }
                    return result.ToArray();
                }
                result.Write(await ReadExactlyAsync(size, ct).ConfigureAwait(false));
                await ReadLineAsync(ct, allowEof: false).ConfigureAwait(false);
            }
        }

        private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (_start == _end && !await FillAsync(ct).ConfigureAwait(false)) throw new IOException("Connection closed mid-body.");
                var n = Math.Min(count - copied, _end - _start);
                Array.Copy(_buffer, _start, result, copied, n);
                _start += n;
                copied += n;
            }
            return result;
        }

        private async Task<string?> ReadLineAsync(CancellationToken ct, bool allowEof)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end && !await FillAsync(ct).ConfigureAwait(false))
                {
                    if (allowEof && line.Length == 0) return null;
                    throw new IOException("Connection closed mid-request.");
                }
                var b = _buffer[_start++];
                if (b == (byte)'\n') return line.ToString().TrimEnd('\r');
                if (line.Length > MaxHeaderBytes) throw new InvalidDataException("Line too long.");
                line.Append((char)b);
            }
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, ct).ConfigureAwait(false);
            return _end > 0;
        }
    }
}
