namespace Closeio.Core.Tests.Http;

public sealed class ErrorTests
{
    private static async Task<CloseApiException> FailWith(HttpStatusCode status, string body, string path = "lead/")
    {
        using var t = new TestClient();
        t.Server.ThenJson(status, body);
        return await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync(path));
    }

    [Fact]
    public async Task A_refused_key_tells_the_user_where_to_get_a_new_one()
    {
        var e = await FailWith(HttpStatusCode.Unauthorized, """{"error": "Unauthorized"}""", "me/");

        Assert.Equal((CloseErrorKind.Authentication, 401, "GET me/"), (e.Kind, e.StatusCode, e.EndpointGroup));
        Assert.Contains("Settings > API Keys", e.Remedy);
        Assert.Contains("Connect-Closeio", e.Remedy);
        Assert.Contains(e.Remedy, e.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.PaymentRequired, CloseErrorKind.PlanLimit, "plan")]
    [InlineData(HttpStatusCode.Forbidden, CloseErrorKind.Forbidden, "permissions")]
    [InlineData(HttpStatusCode.NotFound, CloseErrorKind.NotFound, "id or path")]
    [InlineData(HttpStatusCode.BadRequest, CloseErrorKind.BadRequest, "rejected")]
    [InlineData(HttpStatusCode.UnsupportedMediaType, CloseErrorKind.BadRequest, "rejected")]
    public async Task Each_final_status_gets_its_kind_and_a_remedy(HttpStatusCode status, CloseErrorKind kind, string remedyWord)
    {
        var e = await FailWith(status, "");

        Assert.Equal(kind, e.Kind);
        Assert.Equal((int)status, e.StatusCode);
        Assert.Contains(remedyWord, e.Remedy);
        Assert.Null(e.CloseError);
    }

    [Fact]
    public async Task A_bad_request_carries_closes_own_message()
    {
        var e = await FailWith(HttpStatusCode.BadRequest,
            """{"error": "The skip you set is larger than the maximum skip for this resource (max_skip = 250000). Please refine your search query."}""",
            "activity/");

        Assert.StartsWith("The skip you set is larger than the maximum skip", e.CloseError);
        Assert.Contains("max_skip = 250000", e.Message);
        Assert.Contains("Close answered 400 to GET activity/", e.Message);
    }

    [Fact]
    public async Task Validation_errors_are_summarized()
    {
        var e = await FailWith(HttpStatusCode.BadRequest,
            """{"errors": ["Invalid query"], "field-errors": {"_limit": "Ensure this value is less than or equal to 100.", "date_created__gte": ["Not a valid date."]}}""");

        Assert.Equal("Invalid query; _limit: Ensure this value is less than or equal to 100.; date_created__gte: Not a valid date.", e.CloseError);
    }

    [Fact]
    public async Task An_error_object_with_a_message_is_read()
    {
        var e = await FailWith(HttpStatusCode.NotFound, """{"error": {"message": "Lead not found"}}""", "lead/lead_4XkQpLm0aBcD9eFgHiJkLmNoPqRsTuVwXyZ012345/");

        Assert.Equal("Lead not found", e.CloseError);
        Assert.Equal("GET lead/{id}/", e.EndpointGroup);
    }

    [Fact]
    public async Task The_api_key_never_appears_in_errors_logs_or_descriptions()
    {
        var key = TestClient.ApiKey;
        using var t = new TestClient(maxRetries: 1);
        // A server that echoes the key back in every way it can.
        t.Server
            .ThenJson(HttpStatusCode.ServiceUnavailable, $$"""{"error": "upstream refused {{key}}"}""")
            .ThenJson(HttpStatusCode.Unauthorized, $$$"""{"error": "Invalid API key {{{key}}}", "errors": ["{{{key}}}"], "field-errors": {"key": "{{{key}}}"}}""")
            .ThenThrow(new HttpRequestException($"proxy rejected credentials {key}"))
            .ThenThrow(new IOException($"connection to {key} reset"));

        var auth = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("me/"));
        var connection = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("lead/"));

        var texts = new List<string?> { auth.ToString(), auth.Message, auth.CloseError, auth.Remedy,
            connection.ToString(), connection.Remedy, t.Options.ToString(), t.Client.ToString() };
        texts.AddRange(t.Log.Select(e => e.ToString()));
        texts.AddRange(t.Log.Select(e => e.Note));
        Assert.Equal(4, t.Log.Count);
        Assert.All(texts, text => Assert.DoesNotContain(key, text ?? ""));
        Assert.Contains("Invalid API key ***", auth.CloseError);
    }
}
