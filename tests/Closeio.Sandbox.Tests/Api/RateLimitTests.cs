namespace Closeio.Sandbox.Tests.Api;

/// <summary>Fixed windows per endpoint group and key, the organization-wide limit, and every style of 429 hint.</summary>
public sealed class RateLimitTests
{
    private static ApiHarness Limited(int perWindow, RateLimitHintStyle style = RateLimitHintStyle.RateLimitHeader, params string[] moreKeys)
    {
        var options = new SandboxApiOptions
        {
            RateLimit = new RateLimitOptions { RequestsPerWindow = perWindow, Window = TimeSpan.FromSeconds(1) },
            HintStyle = style,
        };
        foreach (var k in moreKeys) options.AdditionalApiKeys.Add(k);
        return ApiHarness.Create(options, leads: 5, activities: 20);
    }

    private static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";

    [Fact]
    public async Task A_group_allows_its_limit_per_window_then_answers_429_until_the_window_turns()
    {
        using var h = Limited(3);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) answers.Add(await h.Http.GetAsync("lead/"));
        var otherGroup = await h.Http.GetAsync("user/");
        var otherTemplate = await h.Http.GetAsync($"lead/{h.Org.Leads().First().Id}/");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var nextWindow = await h.Http.GetAsync("lead/");

        Assert.Equal([200, 200, 200, 429], answers.Select(a => (int)a.StatusCode));
        Assert.Equal(["limit=3, remaining=2, reset=1", "limit=3, remaining=1, reset=1", "limit=3, remaining=0, reset=1"],
            answers.Take(3).Select(a => Header(a, "RateLimit")));
        Assert.Equal(HttpStatusCode.OK, otherGroup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherTemplate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
        Assert.Equal(5, h.Api.Counters.Count("GET /lead/"));
        Assert.Equal(1, h.Api.Counters.Count("GET /lead/", 429));
    }

    [Fact]
    public async Task Concurrent_requests_never_get_more_than_the_limit()
    {
        using var h = Limited(30);
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => h.Http.GetAsync("user/")));

        Assert.Equal(30, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(70, h.Api.Counters.Count("GET /user/", 429));
    }

    [Fact]
    public async Task A_rate_limit_set_after_creation_applies_and_can_be_lifted()
    {
        using var h = ApiHarness.Create(leads: 5, activities: 20);
        var before = await h.Http.GetAsync("user/");
        h.Api.Options.RateLimit = new RateLimitOptions { RequestsPerWindow = 1 };
        var first = await h.Http.GetAsync("user/");
        var second = await h.Http.GetAsync("user/");
        h.Api.Options.RateLimit = null;
        var lifted = await h.Http.GetAsync("user/");

        Assert.False(before.Headers.Contains("RateLimit"));
        Assert.Equal([200, 429, 200], new[] { first, second, lifted }.Select(r => (int)r.StatusCode));
    }

    [Fact]
    public async Task Reset_is_the_decimal_time_left_in_the_window()
    {
        using var h = Limited(1);
        h.Clock.Advance(TimeSpan.FromMilliseconds(250));
        var ok = await h.Http.GetAsync("lead/");
        var limited = await h.Http.GetAsync("lead/");

        Assert.Equal("limit=1, remaining=0, reset=0.75", Header(ok, "RateLimit"));
        Assert.Equal("limit=1, remaining=0, reset=0.75", Header(limited, "RateLimit"));
    }

    [Fact]
    public async Task Each_key_has_its_own_budget_and_the_organization_three_times_one()
    {
        using var h = Limited(2, RateLimitHintStyle.RateLimitHeader, "key_b", "key_c", "key_d");
        var clients = new[] { h.Http, h.NewClient("key_b"), h.NewClient("key_c"), h.NewClient("key_d") };
        var statuses = new List<int>();
        foreach (var client in clients)
            for (var i = 0; i < 2; i++) statuses.Add((int)(await client.GetAsync("user/")).StatusCode);
        var third = await clients[0].GetAsync("user/");

        // Keys a, b, c use the organization's 6; key d has budget left of its own but the org has none.
        Assert.Equal([200, 200, 200, 200, 200, 200, 429, 429], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await clients[3].GetAsync("user/")).StatusCode);
    }

    [Fact]
    public async Task A_limited_key_does_not_limit_another_key()
    {
        using var h = Limited(1, RateLimitHintStyle.RateLimitHeader, "key_b");
        await h.Http.GetAsync("user/");
        var limited = await h.Http.GetAsync("user/");
        var other = await h.NewClient("key_b").GetAsync("user/");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData(RateLimitHintStyle.RateLimitHeader)]
    [InlineData(RateLimitHintStyle.RetryAfter)]
    [InlineData(RateLimitHintStyle.BodyTopLevel)]
    [InlineData(RateLimitHintStyle.BodyInError)]
    [InlineData(RateLimitHintStyle.LegacyXRateLimit)]
    [InlineData(RateLimitHintStyle.None)]
    public async Task A_429_carries_the_hint_of_its_style_and_only_that(RateLimitHintStyle style)
    {
        using var h = Limited(1, style);
        h.Clock.Advance(TimeSpan.FromMilliseconds(600));
        await h.Http.GetAsync("lead/");
        var limited = await h.Http.GetAsync("lead/");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(style, HintOf(limited, JsonNode.Parse(await limited.Content.ReadAsStringAsync())!.AsObject()));
    }

    [Fact]
    public async Task Rotate_cycles_through_every_style()
    {
        using var h = Limited(1, RateLimitHintStyle.Rotate);
        h.Clock.Advance(TimeSpan.FromMilliseconds(600));
        await h.Http.GetAsync("lead/");
        var seen = new List<RateLimitHintStyle>();
        for (var i = 0; i < 7; i++)
        {
            var r = await h.Http.GetAsync("lead/");
            seen.Add(HintOf(r, JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject()));
        }

        Assert.Equal(
            [RateLimitHintStyle.RateLimitHeader, RateLimitHintStyle.RetryAfter, RateLimitHintStyle.BodyTopLevel, RateLimitHintStyle.BodyInError,
             RateLimitHintStyle.LegacyXRateLimit, RateLimitHintStyle.None, RateLimitHintStyle.RateLimitHeader], seen);
    }

    [Fact]
    public async Task Legacy_style_puts_X_Rate_Limit_headers_on_normal_answers_and_none_style_nothing()
    {
        using var legacy = Limited(5, RateLimitHintStyle.LegacyXRateLimit);
        using var none = Limited(5, RateLimitHintStyle.None);
        var a = await legacy.Http.GetAsync("lead/");
        var b = await none.Http.GetAsync("lead/");

        Assert.Equal(("5", "4", "1"), (Header(a, "X-Rate-Limit-Limit"), Header(a, "X-Rate-Limit-Remaining"), Header(a, "X-Rate-Limit-Reset")));
        Assert.Equal("", Header(a, "RateLimit"));
        Assert.Equal("", Header(b, "RateLimit") + Header(b, "X-Rate-Limit-Limit"));
    }

    [Fact]
    public async Task The_separator_of_the_RateLimit_header_is_configurable()
    {
        using var h = Limited(5);
        h.Api.Options.RateLimitHeaderSeparator = "; ";
        Assert.Equal("limit=5; remaining=4; reset=1", Header(await h.Http.GetAsync("lead/"), "RateLimit"));
    }

    /// <summary>Which style of hint a 429 carries, after checking its values (0.4 s left in the window).</summary>
    private static RateLimitHintStyle HintOf(HttpResponseMessage r, JsonObject body)
    {
        var found = new List<RateLimitHintStyle>();
        if (Header(r, "RateLimit") is { Length: > 0 } rl)
        {
            Assert.Equal("limit=1, remaining=0, reset=0.4", rl);
            found.Add(RateLimitHintStyle.RateLimitHeader);
        }
        if (Header(r, "Retry-After") is { Length: > 0 } ra)
        {
            Assert.Equal("1", ra);
            found.Add(RateLimitHintStyle.RetryAfter);
        }
        if (body["rate_reset"] is JsonValue top)
        {
            Assert.Equal(0.4, top.GetValue<double>());
            found.Add(RateLimitHintStyle.BodyTopLevel);
        }
        if (body["error"] is JsonObject error)
        {
            Assert.Equal(0.4, error["rate_reset"]!.GetValue<double>());
            found.Add(RateLimitHintStyle.BodyInError);
        }
        if (Header(r, "X-Rate-Limit-Reset") is { Length: > 0 } xr)
        {
            Assert.Equal("0.4", xr);
            Assert.Equal("0", Header(r, "X-Rate-Limit-Remaining"));
            found.Add(RateLimitHintStyle.LegacyXRateLimit);
        }
        Assert.True(found.Count <= 1, $"more than one hint: {string.Join(", ", found)}");
        return found.Count == 0 ? RateLimitHintStyle.None : found[0];
    }
}
