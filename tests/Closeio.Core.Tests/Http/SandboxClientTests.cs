namespace Closeio.Core.Tests.Http;

/// <summary>The client against the independent Close emulator, in-process.</summary>
public sealed class SandboxClientTests
{
    private const string Key = "sandbox_KEYc1recognizable_77";

    private static (SandboxApi Api, SandboxClock Clock) NewSandbox(RateLimitOptions? rateLimit = null,
        RateLimitHintStyle hints = RateLimitHintStyle.RateLimitHeader, string separator = ", ")
    {
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        var options = new SandboxApiOptions { ApiKey = Key, RateLimit = rateLimit, HintStyle = hints, RateLimitHeaderSeparator = separator };
        return (SandboxApi.Create(seed: 7, leads: 20, activities: 100, clock: clock, options: options), clock);
    }

    private static CloseConnectionOptions OptionsFor(SandboxApi api, SandboxClock clock, string key = Key,
        List<RequestLogEntry>? log = null) => new()
    {
        ApiKey = key,
        BaseUri = SandboxApi.InProcessBaseUri,
        Handler = api.CreateHandler(),
        TimeProvider = clock,
        Log = log is null ? null : e => { lock (log) log.Add(e); },
    };

    [Fact]
    public async Task Connecting_reads_who_the_key_belongs_to()
    {
        var (api, clock) = NewSandbox();
        using var connection = await CloseConnection.ConnectAsync(OptionsFor(api, clock), CancellationToken.None);

        var me = api.Organization.RenderMe();
        var org = me["organizations"]![0]!;
        Assert.Equal((string?)me["id"], connection.Identity.UserId);
        Assert.Equal((string?)me["email"], connection.Identity.Email);
        Assert.Equal((string?)org["id"], connection.Identity.OrganizationId);
        Assert.Equal((string?)org["name"], connection.Identity.OrganizationName);
        Assert.Equal($"{(string?)me["first_name"]} {(string?)me["last_name"]}", connection.Identity.UserName);

        var text = connection.ToString();
        Assert.Contains(connection.Identity.OrganizationName, text);
        Assert.Contains(connection.Identity.UserName, text);
        Assert.Contains(SandboxApi.InProcessBaseUri.ToString(), text);
        Assert.DoesNotContain(Key, text);
    }

    [Fact]
    public async Task A_wrong_key_fails_to_connect_at_once_with_the_remedy()
    {
        var (api, clock) = NewSandbox();
        var log = new List<RequestLogEntry>();

        var e = await Assert.ThrowsAsync<CloseApiException>(() =>
            CloseConnection.ConnectAsync(OptionsFor(api, clock, key: "not_the_key_4242", log: log), CancellationToken.None));

        Assert.Equal((CloseErrorKind.Authentication, 401), (e.Kind, e.StatusCode));
        Assert.Contains("Settings > API Keys", e.Message);
        Assert.Equal(1, api.Counters.Count(status: 401));
        Assert.DoesNotContain("not_the_key_4242", e.ToString());
        Assert.DoesNotContain("not_the_key_4242", string.Join("\n", log));
    }

    [Theory]
    [InlineData(RateLimitHintStyle.RateLimitHeader, ", ")]
    [InlineData(RateLimitHintStyle.RateLimitHeader, "; ")]
    [InlineData(RateLimitHintStyle.LegacyXRateLimit, ", ")]
    public async Task A_rate_limited_run_stays_within_the_limit(RateLimitHintStyle hints, string separator)
    {
        var (api, clock) = NewSandbox(new RateLimitOptions { RequestsPerWindow = 4, Window = TimeSpan.FromSeconds(2) }, hints, separator);
        using var client = new CloseClient(OptionsFor(api, clock));
        var counters = new RequestCounters();
        var started = clock.GetUtcNow();

        for (var i = 0; i < 30; i++)
        {
            using var page = await client.SendAsync(new CloseRequest(HttpMethod.Get, "activity/")
            {
                Query = [new("_skip", (i % 5 * 10).ToString()), new("_limit", "10")],
                Counters = counters,
            }, CancellationToken.None);
            Assert.Equal(10, page.RootElement.GetProperty("data").GetArrayLength());
        }

        Assert.Equal((30, 0, 0, 0), (counters.Requests, counters.Retries, counters.RateLimited, counters.Errors));
        Assert.Equal(0, api.Counters.Count(status: 429));
        // 30 calls at 4 per 2-second window need at least 7 window changes: the client really waited.
        Assert.True(clock.GetUtcNow() - started >= TimeSpan.FromSeconds(14), $"only {clock.GetUtcNow() - started} passed");
    }

    [Fact]
    public async Task A_run_against_429s_without_hints_still_completes()
    {
        var (api, clock) = NewSandbox(new RateLimitOptions { RequestsPerWindow = 3, Window = TimeSpan.FromSeconds(1) }, RateLimitHintStyle.None);
        using var client = new CloseClient(OptionsFor(api, clock));
        var counters = new RequestCounters();

        for (var i = 0; i < 20; i++)
        {
            using var _ = await client.SendAsync(new CloseRequest(HttpMethod.Get, "user/") { Counters = counters }, CancellationToken.None);
        }

        Assert.Equal(0, counters.Errors);
        Assert.True(counters.RateLimited > 0, "the emulator never limited the run");
        Assert.Equal(api.Counters.Count(status: 429), counters.RateLimited);
        Assert.Equal(20 + counters.RateLimited, counters.Requests);
    }

    [Fact]
    public async Task Injected_faults_are_ridden_out()
    {
        var (api, clock) = NewSandbox();
        api.Faults.Script("GET /activity/", SandboxFault.ServiceUnavailable, SandboxFault.DroppedConnection,
            SandboxFault.TruncatedBody, SandboxFault.EmptyBody, SandboxFault.BadGateway);
        var log = new List<RequestLogEntry>();
        using var client = new CloseClient(OptionsFor(api, clock, log: log));
        var counters = new RequestCounters();

        using var page = await client.SendAsync(new CloseRequest(HttpMethod.Get, "activity/")
        {
            Query = [new("_limit", "5")],
            Counters = counters,
        }, CancellationToken.None);

        Assert.Equal(5, page.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal((6, 5, 0), (counters.Requests, counters.Retries, counters.Errors));
        Assert.Equal([1, 2, 3, 4, 5, 6], log.Select(e => e.Attempt));
    }

    [Fact]
    public async Task A_long_query_travels_as_params_and_is_answered_as_a_get()
    {
        var (api, clock) = NewSandbox();
        using var client = new CloseClient(OptionsFor(api, clock));
        var ids = api.Organization.Activities(null, null).Take(3).Select(a => a.Id).ToList();
        var padding = Enumerable.Range(0, 150).Select(i => $"acti_{i:D40}");

        using var page = await client.SendAsync(new CloseRequest(HttpMethod.Get, "activity/")
        {
            Query = [new("id__in", string.Join(",", ids.Concat(padding)))],
        }, CancellationToken.None);

        var returned = page.RootElement.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Order(), returned.Order());
    }
}
