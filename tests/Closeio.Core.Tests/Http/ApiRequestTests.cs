namespace Closeio.Core.Tests.Http;

public class ApiRequestTests
{
    private static readonly Uri Base = new("https://api.close.com/api/v1/");

    [Theory]
    [InlineData("lead/", "lead/")]
    [InlineData("/lead/lead_1", "lead/lead_1/")]
    [InlineData("/api/v1/lead/", "lead/")]
    [InlineData("https://api.close.com/api/v1/activity/call/", "activity/call/")]
    public void Resolves_paths_under_the_base_uri(string given, string expected) =>
        Assert.Equal(expected, new ApiRequest("GET", given, Base).Path);

    [Fact]
    public void Takes_a_query_from_the_path_before_the_given_one()
    {
        var r = new ApiRequest("get", "lead/?_limit=5&_fields=id%2Cname", Base, [new("_skip", "10")]);
        Assert.Equal("GET", r.Method);
        Assert.Equal([new("_limit", "5"), new("_fields", "id,name"), new("_skip", "10")], r.Query);
    }

    [Theory]
    [InlineData("https://example.com/api/v1/me/")]
    [InlineData("http://api.close.com/api/v1/me/")]
    [InlineData("https://api.close.com.example.com/api/v1/me/")]
    [InlineData("https://api.close.com/other/me/")]
    [InlineData("//example.com/api/v1/me/")]
    [InlineData("../../me/")]
    [InlineData("lead/%2E%2E/%2E%2E/x/")]
    [InlineData("ftp://api.close.com/api/v1/me/")]
    public void Refuses_a_path_that_leaves_the_base_uri(string given) =>
        Assert.Throws<ArgumentException>(() => new ApiRequest("GET", given, Base));

    [Fact]
    public void Refuses_an_unknown_method() =>
        Assert.Throws<ArgumentException>(() => new ApiRequest("TRACE", "me/", Base));
}
