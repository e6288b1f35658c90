using System.Text.Json;

namespace Closeio.Sandbox.Tests.Api;

/// <summary>Injected faults, scripted and by probability, and the counters that record every answer.</summary>
public sealed class FaultTests() : ApiTest(ApiHarness.Create(leads: 5, activities: 20))
{
    [Theory]
    [InlineData(SandboxFault.InternalServerError, 500)]
    [InlineData(SandboxFault.BadGateway, 502)]
    [InlineData(SandboxFault.ServiceUnavailable, 503)]
    [InlineData(SandboxFault.GatewayTimeout, 504)]
    public async Task A_scripted_server_error_answers_its_status_once(SandboxFault fault, int status)
    {
        _h.Api.Faults.Script("GET /lead/", fault);
        var failed = await _h.Http.GetAsync("lead/");
        var next = await _h.Http.GetAsync("lead/");

        Assert.Equal(status, (int)failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, _h.Api.Counters.Count("GET /lead/", status));
    }

    [Fact]
    public async Task A_script_follows_its_order_and_touches_only_its_group()
    {
        _h.Api.Faults.Script("GET /user/", SandboxFault.ServiceUnavailable, null, SandboxFault.BadGateway);
        var lead = await _h.Http.GetAsync("lead/");
        var users = new List<int>();
        for (var i = 0; i < 4; i++) users.Add((int)(await _h.Http.GetAsync("user/")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, lead.StatusCode);
        Assert.Equal([503, 200, 502, 200], users);
        Assert.Equal(0, _h.Api.Faults.PendingScripted);
    }

    [Fact]
    public async Task A_dropped_connection_surfaces_as_HttpRequestException()
    {
        _h.Api.Faults.Script(null, SandboxFault.DroppedConnection);
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => _h.Http.GetAsync("lead/"));
        Assert.IsType<IOException>(e.InnerException);
        Assert.Equal(1, _h.Api.Counters.Count("GET /lead/", 0));
    }

    [Fact]
    public async Task Truncated_and_empty_bodies_are_200s_that_do_not_parse()
    {
        _h.Api.Faults.Script("GET /lead/", SandboxFault.TruncatedBody, SandboxFault.EmptyBody);
        var full = await (await _h.NewClient("sandbox_api_key").GetAsync("user/")).Content.ReadAsStringAsync();
        var truncated = await _h.Http.GetAsync("lead/");
        var empty = await _h.Http.GetAsync("lead/");
        var text = await truncated.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        Assert.NotEmpty(text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Empty(await empty.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(full);
    }

    [Fact]
    public async Task A_slow_answer_trips_a_client_timeout()
    {
        _h.Api.Faults.SlowAnswerDelay = TimeSpan.FromSeconds(10);
        _h.Api.Faults.Script("GET /lead/", SandboxFault.SlowAnswer);
        using var impatient = _h.NewClient("sandbox_api_key");
        impatient.Timeout = TimeSpan.FromMilliseconds(100);

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync("lead/"));
        Assert.Equal(HttpStatusCode.OK, (await impatient.GetAsync("lead/")).StatusCode);
    }

    [Fact]
    public async Task A_slow_answer_shorter_than_the_timeout_is_a_normal_answer()
    {
        _h.Api.Faults.SlowAnswerDelay = TimeSpan.FromMilliseconds(20);
        _h.Api.Faults.Script("GET /lead/", SandboxFault.SlowAnswer);
        Assert.Equal(HttpStatusCode.OK, (await _h.Http.GetAsync("lead/")).StatusCode);
    }

    [Fact]
    public async Task Faults_by_probability_hit_about_that_share_and_replay_with_the_same_seed()
    {
        async Task<List<int>> Run()
        {
            var list = new List<int>();
            for (var i = 0; i < 200; i++) list.Add((int)(await _h.Http.GetAsync("user/")).StatusCode);
            return list;
        }

        _h.Api.Faults.SetProbability(SandboxFault.ServiceUnavailable, 0.3, "GET /user/");
        _h.Api.Faults.Reseed(42);
        var first = await Run();
        _h.Api.Faults.Reseed(42);
        var second = await Run();
        var unaffected = await _h.Http.GetAsync("lead/");

        Assert.InRange(first.Count(s => s == 503), 30, 90);
        Assert.Equal(first, second);
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        _h.Api.Faults.Clear();
        Assert.Equal(HttpStatusCode.OK, (await _h.Http.GetAsync("user/")).StatusCode);
    }

    [Fact]
    public async Task Counters_count_by_group_and_status_and_reset_on_request()
    {
        using var anonymous = _h.NewClient(null);
        await _h.Http.GetAsync("lead/");
        await _h.Http.GetAsync("lead/");
        await anonymous.GetAsync("lead/");
        await _h.Http.GetAsync("activity/call/");
        await _h.Http.GetAsync("nowhere/");

        var snapshot = _h.Api.Counters.Snapshot(reset: true);

        Assert.Contains(new SandboxCount("GET /lead/", 200, 2), snapshot);
        Assert.Contains(new SandboxCount("GET /lead/", 401, 1), snapshot);
        Assert.Contains(new SandboxCount("GET /activity/call/", 200, 1), snapshot);
        Assert.Contains(snapshot, c => c.Status == 404);
        Assert.Equal(0, _h.Api.Counters.Count());
    }
}
