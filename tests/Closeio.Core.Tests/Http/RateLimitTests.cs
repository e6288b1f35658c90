namespace Closeio.Core.Tests.Http;

public sealed class RateLimitTests
{
    private const string Ok = """{"data": [], "has_more": false}""";

    private static async Task<TestClient> AfterOne429(string body, params (string, string)[] headers)
    {
        var t = new TestClient();
        t.Server.ThenJson(HttpStatusCode.TooManyRequests, body, headers).ThenOk(Ok);
        using var _ = await t.GetAsync("activity/");
        return t;
    }

    // Every server-given wait gets 5% more, rounded up to the next 100 ms (RetryHints.WithMargin).
    [Theory]
    [InlineData("limit=100, remaining=0, reset=5", 5.3)]
    [InlineData("limit=100; remaining=0; reset=2.5", 2.7)]
    [InlineData("remaining=0, reset=0.25, limit=20", 0.3)]
    [InlineData("limit=100, remaining=0, reset=90", 94.6)] // longer than the back-off cap: the server's word still wins
    public async Task A_429_waits_for_the_RateLimit_headers_reset(string rateLimit, double seconds)
    {
        using var t = await AfterOne429("{}", ("RateLimit", rateLimit));
        Assert.Equal(TimeSpan.FromSeconds(seconds), t.WaitBeforeRetry);
    }

    [Fact]
    public async Task A_429_waits_for_retry_after_in_seconds()
    {
        using var t = await AfterOne429("", ("Retry-After", "3"));
        Assert.Equal(TimeSpan.FromSeconds(3.2), t.WaitBeforeRetry);
    }

    [Fact]
    public async Task A_429_waits_for_retry_after_as_a_date_against_the_servers_clock()
    {
        // The server's clock is an hour ahead of ours: only the difference between its two dates counts.
        using var t = await AfterOne429("", ("Date", "Wed, 01 May 2024 11:00:00 GMT"), ("Retry-After", "Wed, 01 May 2024 11:00:04 GMT"));
        Assert.Equal(TimeSpan.FromSeconds(4.3), t.WaitBeforeRetry);
    }

    [Fact]
    public async Task A_429_waits_for_the_legacy_reset_header()
    {
        using var t = await AfterOne429("", ("X-Rate-Limit-Limit", "60"), ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "1.5"));
        Assert.Equal(TimeSpan.FromSeconds(1.6), t.WaitBeforeRetry);
    }

    [Theory]
    [InlineData("""{"error": "API call count exceeded for this period", "rate_reset": 4}""", 4.3)]
    [InlineData("""{"error": {"message": "API call count exceeded", "rate_reset": 7.5, "rate_limit": 60}}""", 7.9)]
    [InlineData("""{"rate_reset": "2.25"}""", 2.4)]
    public async Task A_429_without_headers_waits_for_the_bodys_rate_reset(string body, double seconds)
    {
        using var t = await AfterOne429(body);
        Assert.Equal(TimeSpan.FromSeconds(seconds), t.WaitBeforeRetry);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Too many requests</html>")]
    [InlineData("""{"error": "slow down"}""")]
    [InlineData("""{"error": "slow down", "rate_reset": null}""")]
    public async Task A_429_without_any_hint_backs_off_and_succeeds(string body)
    {
        using var t = await AfterOne429(body);
        Assert.InRange(t.WaitBeforeRetry, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.5));
        Assert.Equal((2, 1, 1, 0), (t.Counters.Requests, t.Counters.Retries, t.Counters.RateLimited, t.Counters.Errors));
    }

    [Fact]
    public async Task Hintless_429s_back_off_longer_each_time()
    {
        using var t = new TestClient(maxRetries: 7);
        for (var i = 0; i < 7; i++) t.Server.ThenJson(HttpStatusCode.TooManyRequests, "");
        t.Server.ThenOk(Ok);
        using var _ = await t.GetAsync("activity/");

        var waits = t.Server.Seen.Zip(t.Server.Seen.Skip(1), (a, b) => (b.ClockAt - a.ClockAt).TotalSeconds).ToArray();
        double[] floors = [2, 4, 8, 16, 32, 60, 60];
        Assert.All(waits.Zip(floors), p => Assert.InRange(p.First, p.Second, p.Second * 1.25));
    }

    [Fact]
    public async Task The_RateLimit_reset_is_preferred_over_every_other_hint()
    {
        using var t = await AfterOne429("""{"rate_reset": 40}""",
            ("Retry-After", "30"), ("X-Rate-Limit-Reset", "20"), ("RateLimit", "limit=10, remaining=0, reset=6"));
        Assert.Equal(TimeSpan.FromSeconds(6.4), t.WaitBeforeRetry);
    }

    [Fact]
    public async Task Retry_after_is_preferred_over_the_legacy_header_and_the_body()
    {
        using var t = await AfterOne429("""{"rate_reset": 40}""", ("X-Rate-Limit-Reset", "20"), ("Retry-After", "3"));
        Assert.Equal(TimeSpan.FromSeconds(3.2), t.WaitBeforeRetry);
    }

    [Fact]
    public async Task A_429_is_counted_and_logged_with_the_wait()
    {
        using var t = await AfterOne429("{}", ("RateLimit", "limit=100, remaining=0, reset=2.5"));

        Assert.Equal((2, 1, 1, 0), (t.Counters.Requests, t.Counters.Retries, t.Counters.RateLimited, t.Counters.Errors));
        var log = t.Log.ToArray();
        Assert.Equal(2, log.Length);
        Assert.Equal((429, 1), (log[0].Status, log[0].Attempt));
        Assert.Equal("429, waiting 2.7 s", log[0].Note);
        Assert.Equal((200, 2), (log[1].Status, log[1].Attempt));
    }

    [Fact]
    public async Task A_spent_budget_makes_the_next_call_to_that_group_wait_for_the_reset()
    {
        using var t = new TestClient();
        t.Server.ThenOk(Ok, ("RateLimit", "limit=20, remaining=0, reset=4")).ThenOk(Ok);
        using var first = await t.GetAsync("lead/lead_4XkQpLm0aBcD9eFgHiJkLmNoPqRsTuVwXyZ012345/");
        using var second = await t.GetAsync("lead/lead_9ZyXwVuTsRqPoNmLkJiHgFeDcBa876543210AbCdEf/");

        Assert.Equal(TimeSpan.FromSeconds(4.3), t.WaitBeforeRetry);
        Assert.Equal(0, t.Counters.RateLimited);
        Assert.Contains("waited 4.3 s", t.Log.Last().Note);
    }

    [Fact]
    public async Task A_spent_budget_of_one_group_does_not_hold_back_another()
    {
        using var t = new TestClient();
        t.Server.ThenOk(Ok, ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "9")).ThenOk(Ok).ThenOk(Ok);
        using var a = await t.GetAsync("lead/");
        using var b = await t.GetAsync("activity/");
        var afterOtherGroup = t.Clock.GetUtcNow();
        using var c = await t.GetAsync("lead/");

        Assert.Equal(TimeSpan.Zero, t.Server.Seen[1].ClockAt - t.Server.Seen[0].ClockAt);
        Assert.Equal(TimeSpan.FromSeconds(9.5), t.Server.Seen[2].ClockAt - afterOtherGroup);
    }

    [Fact]
    public async Task A_budget_with_calls_left_causes_no_wait()
    {
        using var t = new TestClient();
        t.Server.ThenOk(Ok, ("RateLimit", "limit=20, remaining=1, reset=4")).ThenOk(Ok);
        using var a = await t.GetAsync("lead/");
        using var b = await t.GetAsync("lead/");

        Assert.Equal(TimeSpan.Zero, t.WaitBeforeRetry);
    }

    [Fact]
    public async Task A_429_holds_back_the_other_calls_to_its_group_too()
    {
        using var t = new TestClient(maxRetries: 0);
        t.Server.ThenJson(HttpStatusCode.TooManyRequests, "{}", ("Retry-After", "5")).ThenOk(Ok);
        await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));
        using var _ = await t.GetAsync("activity/");

        Assert.Equal(TimeSpan.FromSeconds(5.3), t.WaitBeforeRetry);
    }

    [Fact]
    public async Task Still_limited_after_every_retry_is_a_rate_limited_error()
    {
        using var t = new TestClient(maxRetries: 3);
        t.Server.Otherwise = () => ScriptedHandler.Json(HttpStatusCode.TooManyRequests, "{}", ("RateLimit", "limit=1, remaining=0, reset=1"));

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));

        Assert.Equal((CloseErrorKind.RateLimited, 429, 4), (e.Kind, e.StatusCode, e.Attempts));
        Assert.Equal("GET activity/", e.EndpointGroup);
        Assert.Contains("4 attempts", e.Remedy);
        Assert.Equal((4, 3, 4, 1), (t.Counters.Requests, t.Counters.Retries, t.Counters.RateLimited, t.Counters.Errors));
        Assert.Equal(4, t.Log.Count);
        Assert.Contains("giving up after 4 attempts", t.Log.Last().Note);
    }

    [Theory]
    [InlineData(0.0, 0.1)]      // "reset now": still leave the window a moment to turn over
    [InlineData(0.0004, 0.1)]
    [InlineData(0.95, 1.0)]
    [InlineData(1.0, 1.1)]      // exactly on the reset instant: never at it
    [InlineData(60.0, 63.1)]    // long waits grow by 5% for clocks that drift apart
    public void Server_given_waits_get_five_percent_more_rounded_up_to_the_next_100_ms(double seconds, double expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), RetryHints.WithMargin(TimeSpan.FromSeconds(seconds)));
    }
}
