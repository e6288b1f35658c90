using System.Net.Sockets;

namespace Closeio.Core.Tests.Http;

/// <summary>The client on real sockets: its own SocketsHttpHandler, the loopback Sandbox, a proxy.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task Connects_over_a_real_socket_to_the_loopback_sandbox()
    {
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        var api = SandboxApi.Create(seed: 3, leads: 10, activities: 40, clock: clock,
            options: new SandboxApiOptions { ApiKey = "loopback_key_5150" });
        await using var listener = await api.StartListenerAsync();

        using var connection = await CloseConnection.ConnectAsync(new CloseConnectionOptions
        {
            ApiKey = "loopback_key_5150",
            BaseUri = listener.BaseUri,
            TimeProvider = clock,
        }, CancellationToken.None);
        using var page = await connection.Client.SendAsync(new CloseRequest(HttpMethod.Get, "lead/") { Query = [new("_limit", "4")] },
            CancellationToken.None);

        Assert.StartsWith("user_", connection.Identity.UserId);
        Assert.Equal(4, page.RootElement.GetProperty("data").GetArrayLength());
        Assert.NotNull(connection.Client.LastServerDate);
    }

    [Fact]
    public async Task A_slow_sandbox_answer_times_out_and_the_retry_succeeds()
    {
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        var api = SandboxApi.Create(seed: 3, leads: 10, activities: 40, clock: clock, options: new SandboxApiOptions { ApiKey = "k_slow_1" });
        api.Faults.SlowAnswerDelay = TimeSpan.FromSeconds(10);
        api.Faults.Script("GET /user/", SandboxFault.SlowAnswer);
        var log = new List<RequestLogEntry>();
        using var client = new CloseClient(new CloseConnectionOptions
        {
            ApiKey = "k_slow_1",
            BaseUri = SandboxApi.InProcessBaseUri,
            Handler = api.CreateHandler(),
            TimeProvider = clock,
            RequestTimeout = TimeSpan.FromMilliseconds(150),
            Log = log.Add,
        });

        using var page = await client.SendAsync(new CloseRequest(HttpMethod.Get, "user/"), CancellationToken.None);

        Assert.Equal(5, page.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal(2, log.Count);
        Assert.Contains("timed out", log[0].Note);
    }

    [Fact]
    public async Task Goes_through_the_proxy_it_is_given()
    {
        using var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        var port = ((IPEndPoint)proxy.LocalEndpoint).Port;
        var served = ServeOnceAsync(proxy);

        using var client = new CloseClient(new CloseConnectionOptions
        {
            ApiKey = "proxy_key_8080",
            BaseUri = new Uri("https://close.invalid/api/v1/"),
            Proxy = new WebProxy($"http://127.0.0.1:{port}") { Credentials = new NetworkCredential("me", "pw") },
            MaxRetries = 0,
        });
        // The fake proxy answers the tunnel request with a plain page, so TLS cannot start: the call fails.
        await Assert.ThrowsAsync<CloseApiException>(() => client.GetIdentityAsync(CancellationToken.None));

        var requestLine = await served;
        // An https request through a proxy opens a tunnel to the right host: proof it went through it.
        Assert.Equal("CONNECT close.invalid:443 HTTP/1.1", requestLine);
    }

    private static async Task<string> ServeOnceAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptTcpClientAsync();
        var stream = socket.GetStream();
        var buffer = new byte[16 * 1024];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n"))
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0) break;
            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        var body = """{"id": "user_p", "first_name": "Pat", "last_name": "Roxy", "email": "p@acme.test", "organizations": [{"id": "orga_1", "name": "Acme"}]}""";
        var answer = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(answer));
        return received.ToString().Split("\r\n")[0];
    }
}
