namespace Closeio.Core.Tests.Http;

public sealed class CloseClientRequestTests
{
    [Fact]
    public async Task Sends_the_key_as_basic_user_name_with_an_empty_password()
    {
        using var t = new TestClient();
        t.Server.ThenOk();
        using var _ = await t.GetAsync("lead/");

        var auth = t.Server.Seen.Single().Authorization!;
        Assert.StartsWith("Basic ", auth);
        Assert.Equal(TestClient.ApiKey + ":", Encoding.UTF8.GetString(Convert.FromBase64String(auth["Basic ".Length..])));
    }

    [Fact]
    public async Task Names_the_module_and_its_version_in_the_user_agent()
    {
        using var t = new TestClient();
        t.Server.ThenOk();
        using var _ = await t.GetAsync("lead/");

        Assert.Equal($"CloseioPS/{ManifestVersion()} (+PowerShell)", t.Server.Seen.Single().UserAgent);
    }

    // The version is kept in one place, the module manifest; the assemblies (and so the User-Agent) take it from there.
    private static string ManifestVersion()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Closeio.psd1"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var match = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(dir!.FullName, "Closeio.psd1")),
            @"ModuleVersion\s*=\s*'(?<v>[0-9]+\.[0-9]+\.[0-9]+)'");
        Assert.True(match.Success, "no ModuleVersion in Closeio.psd1");
        return match.Groups["v"].Value;
    }

    [Fact]
    public async Task Resolves_paths_under_the_base_uri_and_escapes_the_query()
    {
        using var t = new TestClient();
        t.Server.ThenOk().ThenOk();
        using var a = await t.GetAsync("activity/", ("date_created__gte", "2024-05-01T00:00:00+00:00"), ("_fields", "id,date_created"));
        using var b = await t.GetAsync("/task"); // a leading slash and a missing trailing one are forgiven

        Assert.Equal("https://close.test/api/v1/activity/?date_created__gte=2024-05-01T00%3A00%3A00%2B00%3A00&_fields=id%2Cdate_created",
            t.Server.Seen[0].Uri.AbsoluteUri);
        Assert.Equal("https://close.test/api/v1/task/", t.Server.Seen[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Refuses_an_absolute_path_or_a_query_in_the_path()
    {
        using var t = new TestClient();
        await Assert.ThrowsAsync<ArgumentException>(() => t.GetAsync("https://elsewhere.test/lead/"));
        await Assert.ThrowsAsync<ArgumentException>(() => t.GetAsync("lead/?_limit=5"));
        Assert.Empty(t.Server.Seen);
    }

    [Fact]
    public async Task Posts_the_body_as_json()
    {
        using var t = new TestClient();
        t.Server.ThenOk("""{"data": [], "cursor": null}""");
        var body = new JsonObject { ["_limit"] = 200, ["cursor"] = null };
        using var _ = await t.Client.SendAsync(new CloseRequest(HttpMethod.Post, "data/search/") { Body = body }, CancellationToken.None);

        var seen = t.Server.Seen.Single();
        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Null(seen.MethodOverride);
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(seen.Body!)));
    }

    [Fact]
    public async Task Sends_a_query_too_long_for_a_url_as_params_in_a_post_overriding_get()
    {
        using var t = new TestClient();
        t.Server.ThenOk();
        var ids = string.Join(",", Enumerable.Range(0, 120).Select(i => $"acti_{i:D40}"));
        using var _ = await t.GetAsync("activity/", ("id__in", ids), ("_type", "Call"), ("_type", "Email"));

        var seen = t.Server.Seen.Single();
        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Equal("GET", seen.MethodOverride);
        Assert.Equal("https://close.test/api/v1/activity/", seen.Uri.AbsoluteUri);
        var expected = JsonNode.Parse($$$"""{"_params": {"id__in": "{{{ids}}}", "_type": ["Call", "Email"]}}""");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(seen.Body!)), seen.Body);
        var entry = Assert.Single(t.Log);
        Assert.Equal("GET", entry.Method);
        Assert.Equal("activity/", entry.Path);
        Assert.Contains("_params", entry.Note);
    }

    [Fact]
    public async Task Keeps_an_ordinary_query_in_the_url()
    {
        using var t = new TestClient();
        t.Server.ThenOk();
        using var _ = await t.GetAsync("lead/", ("_limit", "200"));

        Assert.Equal(HttpMethod.Get, t.Server.Seen.Single().Method);
        Assert.Null(t.Server.Seen.Single().Body);
    }

    [Fact]
    public async Task Parses_pages_from_the_response_stream_without_buffering_them()
    {
        using var t = new TestClient();
        t.Server.Then(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamOnlyContent(() => new MemoryStream("""{"data": [{"id": "lead_1"}], "has_more": true}"""u8.ToArray())),
        });
        using var page = await t.GetAsync("lead/");

        Assert.True(page.RootElement.GetProperty("has_more").GetBoolean());
        Assert.Equal("lead_1", page.RootElement.GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Remembers_the_server_date_of_the_latest_answer()
    {
        using var t = new TestClient();
        Assert.Null(t.Client.LastServerDate);
        t.Server.ThenOk(headers: ("Date", "Wed, 01 May 2024 10:00:07 GMT"));
        using var _ = await t.GetAsync("lead/");

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 7, TimeSpan.Zero), t.Client.LastServerDate);
    }

    [Fact]
    public async Task Logs_one_entry_per_attempt_with_method_path_status_and_group()
    {
        using var t = new TestClient();
        t.Server.ThenOk();
        using var _ = await t.GetAsync("lead/lead_4XkQpLm0aBcD9eFgHiJkLmNoPqRsTuVwXyZ012345/", ("_fields", "id"));

        var entry = Assert.Single(t.Log);
        Assert.Equal(("GET", "lead/lead_4XkQpLm0aBcD9eFgHiJkLmNoPqRsTuVwXyZ012345/?_fields=id", 200, 1, "GET lead/{id}/"),
            (entry.Method, entry.Path, entry.Status, entry.Attempt, entry.EndpointGroup));
        Assert.Equal(1, t.Counters.Requests);
        Assert.Equal(0, t.Counters.Retries + t.Counters.RateLimited + t.Counters.Errors);
    }

    [Fact]
    public async Task Stops_when_the_caller_cancels_without_calling_it_a_failure()
    {
        using var t = new TestClient();
        t.Server.ThenHang();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            t.Client.SendAsync(new CloseRequest(HttpMethod.Get, "lead/") { Counters = t.Counters }, cts.Token));
        Assert.Equal(0, t.Counters.Errors);
        Assert.Single(t.Server.Seen);
    }

    [Fact]
    public void A_base_uri_without_its_trailing_slash_still_keeps_its_last_segment()
    {
        var options = new CloseConnectionOptions { ApiKey = "k", BaseUri = new Uri("https://api.close.com/api/v1") };
        Assert.Equal("https://api.close.com/api/v1/", options.BaseUri.AbsoluteUri);
        Assert.Equal("https://api.close.com/api/v1/", new CloseConnectionOptions { ApiKey = "k" }.BaseUri.AbsoluteUri);
    }

    [Fact]
    public async Task Counters_shared_by_parallel_requests_add_up()
    {
        using var t = new TestClient();
        t.Server.Otherwise = () => ScriptedHandler.Json(HttpStatusCode.OK, "{}");

        await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            await Task.Yield();
            using var _ = await t.GetAsync("lead/", ("_skip", i.ToString()));
        }));

        Assert.Equal(64, t.Counters.Requests);
        Assert.Equal(64, t.Log.Count);
    }
}
