using System.IO.Compression;
using System.Net.Sockets;

namespace Closeio.Core.Tests.Http;

/// <summary>Faults fail fast and clearly, and every retry is visible while it happens.</summary>
public sealed class FailFastTests
{
    private const string Page = """{"data": [{"id": "acti_1"}], "has_more": false}""";

    [Fact]
    public async Task A_server_that_never_answers_is_given_up_on_within_the_total_bound()
    {
        using var t = new TestClient(maxRetries: 6, timeout: TimeSpan.FromMilliseconds(100), totalTimeout: TimeSpan.FromSeconds(2));
        for (var i = 0; i < 7; i++) t.Server.ThenHang();

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));

        // 0.1 s + a 1-1.25 s back-off + 0.1 s fits in 2 s; a third attempt after a 2-2.5 s back-off would not.
        Assert.Equal((CloseErrorKind.Timeout, 2, 2), (e.Kind, e.Attempts, t.Server.Seen.Count));
        Assert.Contains("2.0 s allowed for one request", e.Message);
        Assert.Contains("-TimeoutSec", e.Message);
        Assert.Contains("giving up after 2 attempts", t.Log.Last().Note);
    }

    [Fact]
    public void The_default_total_bound_is_three_attempts_and_at_least_five_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), new CloseConnectionOptions { ApiKey = "k" }.EffectiveTotalTimeout);
        Assert.Equal(TimeSpan.FromMinutes(15),
            new CloseConnectionOptions { ApiKey = "k", RequestTimeout = TimeSpan.FromMinutes(5) }.EffectiveTotalTimeout);
    }

    [Fact]
    public async Task A_refused_connection_fails_at_once()
    {
        // A loopback port with nothing listening: taken, then released.
        var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var port = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        var log = new List<RequestLogEntry>();
        using var client = new CloseClient(new CloseConnectionOptions
        {
            ApiKey = "refused_key_1234567",
            BaseUri = new Uri($"http://127.0.0.1:{port}/api/v1/"),
            TimeProvider = new SandboxClock(TestClient.Start),
            Log = log.Add,
        });

        var e = await Assert.ThrowsAsync<CloseApiException>(() => client.GetIdentityAsync(CancellationToken.None));

        Assert.Equal((CloseErrorKind.Connection, 1), (e.Kind, e.Attempts));
        Assert.Contains("refused", e.Message);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Single(log);
    }

    [Fact]
    public async Task An_unknown_host_fails_at_once()
    {
        using var t = new TestClient();
        t.Server.ThenThrow(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (close.test:443)",
            new SocketException((int)SocketError.HostNotFound))).ThenOk(Page);

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));

        Assert.Equal((CloseErrorKind.Connection, 1), (e.Kind, e.Attempts));
        Assert.Single(t.Server.Seen);
        Assert.Contains("host name could not be found", e.Message);
    }

    [Fact]
    public async Task A_dns_server_that_asks_to_try_again_is_retried()
    {
        using var t = new TestClient();
        t.Server.ThenThrow(new HttpRequestException(HttpRequestError.NameResolutionError, "Temporary failure in name resolution",
            new SocketException((int)SocketError.TryAgain))).ThenOk(Page);

        using var _ = await t.GetAsync("activity/");

        Assert.Equal(2, t.Server.Seen.Count);
    }

    [Fact]
    public async Task A_retry_is_in_the_log_while_the_request_still_waits()
    {
        using var t = new TestClient();
        var relay = new RequestLogRelay();
        var release = new TaskCompletionSource();
        using var client = new CloseClient(new CloseConnectionOptions
        {
            ApiKey = TestClient.ApiKey,
            BaseUri = t.Options.BaseUri,
            Handler = t.Server,
            TimeProvider = t.Clock,
            Log = relay.Log,
        });
        t.Server.ThenJson(HttpStatusCode.ServiceUnavailable, "").Then(() =>
        {
            release.Task.Wait();
            return ScriptedHandler.Json(HttpStatusCode.OK, Page);
        });
        using var listening = relay.Listen();

        var request = client.SendAsync(new CloseRequest(HttpMethod.Get, "activity/"), CancellationToken.None);
        await relay.WhenLogged().WaitAsync(TimeSpan.FromSeconds(30));
        var early = relay.Drain();
        var stillWaiting = !request.IsCompleted;
        release.SetResult();
        using var _ = await request;

        Assert.True(stillWaiting);
        Assert.StartsWith("503, waiting ", Assert.Single(early).Note);
    }

    [Fact]
    public async Task WaitShowing_shows_each_entry_while_the_work_runs()
    {
        var relay = new RequestLogRelay();
        using var listening = relay.Listen();
        var shown = new List<(string Path, bool WorkDone)>();
        var gate = new SemaphoreSlim(0);
        var work = Task.Run(async () =>
        {
            relay.Log(new RequestLogEntry("GET", "me/", 503, TimeSpan.Zero, 1, "GET me/", "503, waiting 1.0 s"));
            await gate.WaitAsync();
            relay.Log(new RequestLogEntry("GET", "me/", 200, TimeSpan.Zero, 2, "GET me/", null));
        });
        Task? done = null;

        relay.WaitShowing(work, entry =>
        {
            shown.Add((entry.Path + entry.Attempt, work.IsCompleted));
            if (entry.Attempt == 1) gate.Release();
        });
        done = work;
        await done;

        Assert.Equal(["me/1", "me/2"], shown.Select(s => s.Path));
        Assert.False(shown[0].WorkDone);
    }

    [Fact]
    public async Task A_gzip_body_that_cannot_be_decompressed_is_a_failed_attempt_and_retried()
    {
        using var t = new TestClient();
        var corrupt = new byte[] { 0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03 };
        t.Server
            .Then(() => new HttpResponseMessage(HttpStatusCode.OK)
            {
                // What SocketsHttpHandler's automatic decompression hands over for a corrupt gzip answer.
                Content = new StreamContent(new GZipStream(new MemoryStream(corrupt), CompressionMode.Decompress)),
            })
            .ThenOk(Page);

        using var page = await t.GetAsync("activity/");

        Assert.Equal(1, page.RootElement.GetProperty("data").GetArrayLength());
        Assert.Contains("could not be decompressed", t.Log.First().Note);
        Assert.Equal((2, 1), (t.Counters.Requests, t.Counters.Retries));
    }

    [Fact]
    public async Task A_corrupt_gzip_body_every_time_ends_in_an_invalid_response_error()
    {
        using var t = new TestClient(maxRetries: 1);
        t.Server.Otherwise = () => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new GZipStream(new MemoryStream([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff]), CompressionMode.Decompress)),
        };

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));

        Assert.Equal((CloseErrorKind.InvalidResponse, 2), (e.Kind, e.Attempts));
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_reported_as_a_redirect_naming_the_target()
    {
        using var t = new TestClient();
        t.Server.ThenJson(HttpStatusCode.MovedPermanently, "", ("Location", "https://api.elsewhere.test/api/v1/me/?x=1"));

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("me/"));

        Assert.Equal((CloseErrorKind.Redirect, 301), (e.Kind, e.StatusCode));
        Assert.Contains("redirects to https://api.elsewhere.test/api/v1/me/", e.Message);
        Assert.DoesNotContain("API key was refused", e.Message);
        Assert.Single(t.Server.Seen);
    }

    [Fact]
    public async Task A_redirect_over_a_real_socket_is_not_followed_with_the_key()
    {
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        var target = SandboxApi.Create(seed: 3, leads: 5, activities: 10, clock: clock, options: new SandboxApiOptions { ApiKey = "redirect_key_42" });
        await using var elsewhere = await target.StartListenerAsync();
        var origin = SandboxApi.Create(seed: 3, leads: 5, activities: 10, clock: clock, options: new SandboxApiOptions { ApiKey = "redirect_key_42" });
        origin.Faults.RedirectLocation = elsewhere.BaseUri;
        origin.Faults.Script("GET /me/", SandboxFault.Redirect);
        await using var listener = await origin.StartListenerAsync();

        var e = await Assert.ThrowsAsync<CloseApiException>(() => CloseConnection.ConnectAsync(new CloseConnectionOptions
        {
            ApiKey = "redirect_key_42",
            BaseUri = listener.BaseUri,
            TimeProvider = clock,
        }, CancellationToken.None));

        Assert.Equal(CloseErrorKind.Redirect, e.Kind);
        Assert.Contains(elsewhere.BaseUri.GetLeftPart(UriPartial.Authority), e.Message);
        Assert.Equal(0, target.Counters.Count());
    }

    [Fact]
    public async Task A_separate_ratelimit_reset_header_sets_the_wait_after_a_429()
    {
        using var t = new TestClient();
        t.Server.ThenJson(HttpStatusCode.TooManyRequests, """{"error": "slow down"}""", ("RateLimit-Reset", "7")).ThenOk(Page);

        using var _ = await t.GetAsync("activity/");

        Assert.Equal(RetryHints.WithMargin(TimeSpan.FromSeconds(7)), t.WaitBeforeRetry);
    }

    [Fact]
    public async Task Separate_ratelimit_headers_saying_the_budget_is_spent_hold_the_next_call()
    {
        using var t = new TestClient();
        t.Server.ThenOk(Page, ("RateLimit-Remaining", "0"), ("RateLimit-Reset", "3")).ThenOk(Page);

        using (await t.GetAsync("activity/")) { }
        using (await t.GetAsync("activity/")) { }

        Assert.Equal(RetryHints.WithMargin(TimeSpan.FromSeconds(3)), t.WaitBeforeRetry);
    }
}
