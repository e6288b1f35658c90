namespace Closeio.Core.Tests.Http;

public sealed class RetryTests
{
    private const string Page = """{"data": [{"id": "acti_1"}], "has_more": false}""";

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_server_error_is_retried_with_back_off_then_succeeds(HttpStatusCode status)
    {
        using var t = new TestClient();
        t.Server.ThenJson(status, "").ThenJson(status, """{"error": "oops"}""").ThenOk(Page);
        using var page = await t.GetAsync("activity/");

        Assert.Equal("acti_1", page.RootElement.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal((3, 2, 0, 0), (t.Counters.Requests, t.Counters.Retries, t.Counters.RateLimited, t.Counters.Errors));
        Assert.True(t.Server.Seen[1].ClockAt > t.Server.Seen[0].ClockAt, "no back-off before the first retry");
        Assert.True(t.Server.Seen[2].ClockAt > t.Server.Seen[1].ClockAt, "no back-off before the second retry");
        Assert.StartsWith($"{(int)status}, waiting ", t.Log.First().Note);
    }

    [Fact]
    public async Task A_503_with_retry_after_waits_as_told()
    {
        using var t = new TestClient();
        t.Server.ThenJson(HttpStatusCode.ServiceUnavailable, "", ("Retry-After", "12")).ThenOk(Page);
        using var _ = await t.GetAsync("activity/");

        Assert.Equal(TimeSpan.FromSeconds(12), t.WaitBeforeRetry);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        using var t = new TestClient(timeout: TimeSpan.FromMilliseconds(100));
        t.Server.ThenHang().ThenOk(Page);
        using var page = await t.GetAsync("activity/");

        Assert.Equal(2, t.Server.Seen.Count);
        var first = t.Log.First();
        Assert.Null(first.Status);
        Assert.Contains("timed out after 0.1 s", first.Note);
        Assert.Equal(1, t.Counters.Retries);
    }

    [Fact]
    public async Task Attempts_that_keep_timing_out_end_in_a_timeout_error()
    {
        using var t = new TestClient(maxRetries: 2, timeout: TimeSpan.FromMilliseconds(50));
        t.Server.ThenHang().ThenHang().ThenHang();

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));
        Assert.Equal((CloseErrorKind.Timeout, (int?)null, 3), (e.Kind, e.StatusCode, e.Attempts));
        Assert.Equal(1, t.Counters.Errors);
    }

    [Fact]
    public async Task A_connection_that_cannot_be_made_is_retried()
    {
        using var t = new TestClient();
        t.Server.ThenThrow(new HttpRequestException("Connection refused (close.test:443)")).ThenOk(Page);
        using var _ = await t.GetAsync("activity/");

        Assert.Equal(2, t.Server.Seen.Count);
        Assert.Contains("connection failed", t.Log.First().Note);
    }

    [Fact]
    public async Task A_connection_dropped_while_reading_the_page_is_retried()
    {
        using var t = new TestClient();
        t.Server
            .Then(() => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StreamContent(new DroppingStream(Encoding.UTF8.GetBytes("""{"data": [{"id": "acti_1"}, {"id": """))),
            })
            .ThenOk(Page);
        using var page = await t.GetAsync("activity/");

        Assert.Equal(1, page.RootElement.GetProperty("data").GetArrayLength());
        Assert.Contains("connection dropped", t.Log.First().Note);
        Assert.Equal(200, t.Log.First().Status);
    }

    [Theory]
    [InlineData("""{"data": [{"id": "acti_1"}, {"id": "acti_""")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("")]
    public async Task A_truncated_or_malformed_page_is_retried(string badBody)
    {
        using var t = new TestClient();
        t.Server.ThenJson(HttpStatusCode.OK, badBody).ThenOk(Page);
        using var page = await t.GetAsync("activity/");

        Assert.Equal(1, page.RootElement.GetProperty("data").GetArrayLength());
        Assert.Contains("malformed or truncated JSON", t.Log.First().Note);
    }

    [Fact]
    public async Task Retries_are_bounded_and_end_in_a_typed_error()
    {
        using var t = new TestClient(maxRetries: 3);
        t.Server.Otherwise = () => ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, """{"error": "Service temporarily unavailable"}""");

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));

        Assert.Equal((CloseErrorKind.ServerUnavailable, 503, 4), (e.Kind, e.StatusCode, e.Attempts));
        Assert.Equal("Service temporarily unavailable", e.CloseError);
        Assert.Equal(4, t.Server.Seen.Count);
        Assert.Equal((4, 3, 0, 1), (t.Counters.Requests, t.Counters.Retries, t.Counters.RateLimited, t.Counters.Errors));
        Assert.Equal([1, 2, 3, 4], t.Log.Select(l => l.Attempt));
    }

    [Fact]
    public async Task Malformed_pages_every_time_end_in_an_invalid_response_error()
    {
        using var t = new TestClient(maxRetries: 1);
        t.Server.Otherwise = () => ScriptedHandler.Json(HttpStatusCode.OK, "{\"data\": [");

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));
        Assert.Equal((CloseErrorKind.InvalidResponse, 2), (e.Kind, e.Attempts));
    }

    [Fact]
    public async Task Dropped_connections_every_time_end_in_a_connection_error()
    {
        using var t = new TestClient(maxRetries: 2);
        t.Server.ThenThrow(new HttpRequestException("refused")).ThenThrow(new IOException("reset")).ThenThrow(new HttpRequestException("refused"));

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));
        Assert.Equal(CloseErrorKind.Connection, e.Kind);
        Assert.Contains("close.test", e.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.PaymentRequired)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.MethodNotAllowed)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task A_final_status_is_not_retried(HttpStatusCode status)
    {
        using var t = new TestClient();
        t.Server.ThenJson(status, """{"error": "no"}""").ThenOk(Page);

        await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));
        Assert.Single(t.Server.Seen);
        Assert.Equal((1, 0, 1), (t.Counters.Requests, t.Counters.Retries, t.Counters.Errors));
        Assert.Null(Assert.Single(t.Log).Note);
    }

    [Fact]
    public async Task With_no_retries_allowed_a_server_error_is_final()
    {
        using var t = new TestClient(maxRetries: 0);
        t.Server.ThenJson(HttpStatusCode.ServiceUnavailable, "").ThenOk(Page);

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("activity/"));
        Assert.Equal(CloseErrorKind.ServerUnavailable, e.Kind);
        Assert.Single(t.Server.Seen);
    }
}
