namespace Closeio.Core.Tests.Http;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("GET", "lead/", "GET lead/")]
    [InlineData("GET", "lead/lead_4XkQpLm0aBcD9eFgHiJkLmNoPqRsTuVwXyZ012345/", "GET lead/{id}/")]
    [InlineData("POST", "data/search/", "POST data/search/")]
    [InlineData("GET", "activity/status_change/opportunity/", "GET activity/status_change/opportunity/")]
    [InlineData("GET", "activity/task_completed/", "GET activity/task_completed/")]
    [InlineData("GET", "custom_field/lead/cf_9aQ3kLmZx81pRtUvWxYz0123456789abcdEF/", "GET custom_field/lead/{id}/")]
    [InlineData("GET", "user/12345/", "GET user/{id}/")]
    [InlineData("GET", "event/ev_aaaaaaaaaaaaaaaaaaaaaaaaaaaa/", "GET event/{id}/")]
    public void Endpoint_groups_replace_ids_with_a_placeholder(string method, string path, string group) =>
        Assert.Equal(group, EndpointGroup.For(method, path));

    [Theory]
    [InlineData("limit=100, remaining=50, reset=5", 50.0, 5.0)]
    [InlineData("limit=100; remaining=0; reset=2.5", 0.0, 2.5)]
    [InlineData("limit=100,remaining=3,reset=0.125", 3.0, 0.125)]
    [InlineData("remaining=\"0\", reset=\"1\"", 0.0, 1.0)]
    public void The_RateLimit_header_is_read_with_either_separator(string header, double remaining, double reset)
    {
        var status = RateLimitStatus.ParseCombined(header);
        Assert.Equal(remaining, status?.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(reset), status?.Reset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("limit=100")]
    public void A_RateLimit_header_without_remaining_or_reset_says_nothing(string header) =>
        Assert.Null(RateLimitStatus.ParseCombined(header));

    [Theory]
    [InlineData("""{"rate_reset": 3}""", 3.0)]
    [InlineData("""{"error": {"rate_reset": 1.5}}""", 1.5)]
    [InlineData("""{"error": "x", "rate_reset": "0.5"}""", 0.5)]
    public void Rate_reset_is_found_at_the_top_or_inside_error(string body, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), CloseErrorBody.Parse(Encoding.UTF8.GetBytes(body)).RateReset);

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"error": null, "rate_reset": "soon"}""")]
    public void Bodies_without_usable_content_are_tolerated(string body)
    {
        var parsed = CloseErrorBody.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Null(parsed.Message);
        Assert.Null(parsed.RateReset);
    }
}
