using System.Net.Http.Headers;
using System.Text;

namespace Closeio.Sandbox.Tests.Api;

/// <summary>The loopback server answers exactly as the in-process handler does, over a real socket.</summary>
public sealed class ListenerTests
{
    private static HttpClient Client(Uri baseUri, string key = "sandbox_api_key") => new()
    {
        BaseAddress = baseUri,
        DefaultRequestHeaders = { Authorization = ApiHarness.Basic(key) },
    };

    [Fact]
    public async Task The_listener_serves_the_same_bytes_and_headers_as_the_handler()
    {
        using var h = ApiHarness.Create(leads: 8, activities: 40);
        await using var listener = await h.Api.StartListenerAsync();
        using var socket = Client(listener.BaseUri);

        Assert.Equal("127.0.0.1", listener.BaseUri.Host);
        foreach (var path in new[] { "lead/?_limit=3", "activity/?_limit=5", "task/?_type=all", "event/?_limit=4", "me/" })
        {
            var viaSocket = await socket.GetAsync(path);
            var inProcess = await h.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, viaSocket.StatusCode);
            Assert.Equal(await inProcess.Content.ReadAsStringAsync(), await viaSocket.Content.ReadAsStringAsync());
            Assert.Equal(ApiHarness.Start, viaSocket.Headers.Date);
        }
    }

    [Fact]
    public async Task The_listener_handles_posts_errors_and_keep_alive()
    {
        using var h = ApiHarness.Create(leads: 8, activities: 40);
        await using var listener = await h.Api.StartListenerAsync();
        using var socket = Client(listener.BaseUri);
        using var stranger = Client(listener.BaseUri, "wrong");

        var search = await socket.PostAsync("data/search/", new StringContent(
            """{"query": {"type": "object_type", "object_type": "lead"}, "_limit": 3}""", Encoding.UTF8, "application/json"));
        var denied = await stranger.GetAsync("lead/");
        var missing = await socket.GetAsync("no_such_thing/");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++) statuses.Add((await socket.GetAsync("user/")).StatusCode);

        Assert.Equal(3, JsonNode.Parse(await search.Content.ReadAsStringAsync())!["data"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    /// <param name="how">
    /// chunked: a chunked POST that <c>x-http-method-override</c> makes a GET with its <c>_params</c> in
    /// the body; 100-continue: a client that holds the body back far longer than the test may take,
    /// unless the server says "100 Continue".
    /// </param>
    [Theory]
    [InlineData("chunked")]
    [InlineData("100-continue")]
    public async Task A_request_body_is_read_however_the_client_sends_it(string how)
    {
        using var h = ApiHarness.Create(leads: 8, activities: 40);
        await using var listener = await h.Api.StartListenerAsync();
        var chunked = how == "chunked";
        using var socket = chunked ? Client(listener.BaseUri) : new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = listener.BaseUri,
            Timeout = TimeSpan.FromSeconds(20),
            DefaultRequestHeaders = { Authorization = ApiHarness.Basic("sandbox_api_key"), ExpectContinue = true },
        };
        using var request = chunked
            ? new HttpRequestMessage(HttpMethod.Post, "task/") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("""{"_params": {"_limit": 2, "_type": "all"}}"""))) }
            : new HttpRequestMessage(HttpMethod.Post, "data/search/") { Content = new StringContent("""{"query": {"type": "object_type", "object_type": "contact"}, "_limit": 2}""", Encoding.UTF8, "application/json") };
        if (chunked)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TransferEncodingChunked = true;
            request.Headers.Add("x-http-method-override", "GET");
        }

        var response = await socket.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_dropped_connection_breaks_the_socket_and_the_next_request_still_works()
    {
        using var h = ApiHarness.Create(leads: 8, activities: 40);
        await using var listener = await h.Api.StartListenerAsync();
        using var socket = Client(listener.BaseUri);
        h.Api.Faults.Script("GET /lead/", SandboxFault.DroppedConnection);

        var e = await Record.ExceptionAsync(() => socket.GetAsync("lead/"));
        Assert.True(e is HttpRequestException, $"{e} counters: {string.Join(" ", h.Api.Counters.Snapshot())}");
        Assert.Equal(HttpStatusCode.OK, (await socket.GetAsync("lead/")).StatusCode);
    }

    [Fact]
    public async Task Disposing_the_listener_closes_the_port()
    {
        using var h = ApiHarness.Create(leads: 8, activities: 40);
        var listener = await h.Api.StartListenerAsync();
        var baseUri = listener.BaseUri;
        await listener.DisposeAsync();

        using var socket = Client(baseUri);
        await Assert.ThrowsAsync<HttpRequestException>(() => socket.GetAsync("user/"));
    }
}
