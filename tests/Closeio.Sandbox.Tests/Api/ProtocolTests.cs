using System.Text;

namespace Closeio.Sandbox.Tests.Api;

/// <summary>Auth, unknown paths and ids, wrong methods, the _params override, the Date header and timestamp styles.</summary>
public sealed class ProtocolTests() : ApiTest(ApiHarness.Create())
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("wrong_key", "")]
    [InlineData("sandbox_api_key", "a-password")]
    public async Task Requests_without_the_right_key_get_401_with_an_error(string? key, string password)
    {
        using var client = _h.NewClient(key, password);
        var (status, body, _) = await _h.GetAsync("lead/", client);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("API key", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_names_the_user_and_the_organization()
    {
        var me = await _h.GetOkAsync("me/");
        Assert.Equal(_h.Org.Me.Id, me["id"]!.GetValue<string>());
        Assert.Equal(_h.Org.OrganizationId, me["organizations"]![0]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("no_such_thing/")]
    [InlineData("lead/lead_doesnotexist/")]
    [InlineData("activity/call/acti_doesnotexist/")]
    [InlineData("lead")]
    public async Task Unknown_paths_retired_paths_and_unknown_ids_are_404(string path)
    {
        var (status, body, _) = await _h.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.NotNull(body!["error"]);
    }

    [Fact]
    public async Task An_activity_is_found_under_its_own_type_only()
    {
        var call = _h.Org.Activities(null, null, type: "Call").First();
        Assert.Equal(call.Id, (await _h.GetOkAsync($"activity/call/{call.Id}/"))["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await _h.GetAsync($"activity/note/{call.Id}/")).Status);
    }

    [Fact]
    public async Task A_wrong_method_is_405()
    {
        var delete = await _h.Http.DeleteAsync("lead/");
        var post = await _h.Http.PostAsync("activity/", new StringContent("{}", Encoding.UTF8, "application/json"));
        var getSearch = await _h.Http.GetAsync("data/search/");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getSearch.StatusCode);
    }

    [Fact]
    public async Task Params_in_a_POST_body_with_the_override_header_act_as_a_GET()
    {
        var call = _h.Org.Activities(null, null, type: "Call").First();
        var direct = await (await _h.Http.GetAsync($"activity/?lead_id={call.LeadId}&_type=Call&_limit=3")).Content.ReadAsStringAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "activity/")
        {
            Content = new StringContent(new JsonObject
            {
                ["_params"] = new JsonObject { ["lead_id"] = call.LeadId, ["_type"] = "Call", ["_limit"] = 3 },
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-http-method-override", "GET");
        var response = await _h.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(call.Id, direct);
        Assert.Equal(direct, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, _h.Api.Counters.Count("GET /activity/", 200)); // the override counts in the GET group
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_but_only_once_the_key_is_accepted()
    {
        using var anonymous = _h.NewClient(null);
        var denied = await anonymous.PostAsync("data/search/", new StringContent("{not json", Encoding.UTF8, "application/json"));
        var refused = await _h.Http.PostAsync("data/search/", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("JSON", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_answer_carries_a_Date_header_from_the_org_clock()
    {
        _h.Clock.Advance(TimeSpan.FromHours(5));
        var ok = await _h.Http.GetAsync("user/");
        using var anonymous = _h.NewClient(null);
        var denied = await anonymous.GetAsync("user/");

        Assert.Equal(ApiHarness.Start.AddHours(5), ok.Headers.Date);
        Assert.Equal(ApiHarness.Start.AddHours(5), denied.Headers.Date);
    }

    [Theory]
    [InlineData(TimestampStyle.Offset, "+00:00")]
    [InlineData(TimestampStyle.Zulu, "Z")]
    [InlineData(TimestampStyle.Naive, "")]
    public async Task Timestamps_follow_the_configured_style(TimestampStyle style, string suffix)
    {
        using var h = ApiHarness.Create(new SandboxApiOptions { TimestampStyle = style });
        var page = await h.GetOkAsync("activity/?_limit=20");

        Assert.All(page["data"]!.AsArray(), a =>
        {
            var created = a!["date_created"]!.GetValue<string>();
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}" + (suffix == "+00:00" ? @"\+00:00" : suffix) + "$", created);
        });
    }

    [Fact]
    public async Task Mixed_timestamps_vary_by_object_but_stay_the_same_for_one_object()
    {
        using var h = ApiHarness.Create(new SandboxApiOptions { TimestampStyle = TimestampStyle.Mixed });
        static string Style(string s) => s.EndsWith("+00:00") ? "offset" : s.EndsWith('Z') ? "zulu" : "naive";
        var first = await h.GetOkAsync("activity/?_limit=60");
        var again = await h.GetOkAsync("activity/?_limit=60");

        var styles = first["data"]!.AsArray().Select(a => Style(a!["date_created"]!.GetValue<string>())).ToList();
        Assert.Equal(3, styles.Distinct().Count());
        Assert.Equal(styles, again["data"]!.AsArray().Select(a => Style(a!["date_created"]!.GetValue<string>())));
        Assert.All(first["data"]!.AsArray(), a => Assert.Equal(Style(a!["date_created"]!.GetValue<string>()), Style(a["date_updated"]!.GetValue<string>())));
    }
}
