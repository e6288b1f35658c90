namespace Closeio.Sandbox.Tests.Api;

/// <summary>Answers as Close gives them, where the emulator used to be narrower than Close.</summary>
public sealed class FidelityTests() : ApiTest(ApiHarness.Create(activities: 600))
{
    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("lead_merge", "LeadMerge")]
    [InlineData("whatsapp_message", "WhatsAppMessage")]
    [InlineData("form_submission", "FormSubmission")]
    [InlineData("custom", "CustomActivity")]
    public async Task The_combined_and_per_type_activity_lists_carry_the_newer_types(string path, string type)
    {
        var combined = await _h.PageAllIdsAsync("activity/", 100);
        var ofType = (await _h.GetOkAsync($"activity/{path}/?_limit=100"))["data"]!.AsArray();

        Assert.NotEmpty(ofType);
        Assert.All(ofType, a => Assert.Equal(type, (string?)a!["_type"]));
        Assert.All(ofType, a => Assert.Contains((string)a!["id"]!, combined));
    }

    [Fact]
    public async Task Outgoing_call_tasks_exist_and_can_be_asked_for()
    {
        var tasks = (await _h.GetOkAsync("task/?_type=outgoing_call&_limit=1000"))["data"]!.AsArray();

        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal("outgoing_call", (string?)t!["_type"]));
    }

    [Fact]
    public async Task Custom_objects_have_custom_fields_and_the_old_custom_fields_path_still_answers()
    {
        var objectFields = (await _h.GetOkAsync("custom_field/custom_object_type/"))["data"]!.AsArray();
        var old = (await _h.GetOkAsync("custom_fields/lead/?_limit=1000"))["data"]!.AsArray().Select(f => (string?)f!["id"]);
        var current = (await _h.GetOkAsync("custom_field/lead/?_limit=1000"))["data"]!.AsArray().Select(f => (string?)f!["id"]);

        Assert.NotEmpty(objectFields);
        Assert.Equal(current, old);
    }

    [Fact]
    public async Task Activities_can_be_ordered_oldest_first()
    {
        var page = (await _h.GetOkAsync("activity/?_order_by=date_created&_limit=100"))["data"]!.AsArray();
        var created = page.Select(a => DateTimeOffset.Parse((string)a!["date_created"]!, CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(created.Order(), created);
        Assert.Equal(_h.Org.Activities(null, null).Min(a => a.DateCreated), created[0]);
    }

    [Fact]
    public async Task A_per_type_endpoint_takes_user_id_without_lead_id_and_the_combined_one_does_not()
    {
        var call = _h.Org.Activities(null, null, type: "Call").First();
        var user = (string)call.Render()["user_id"]!;

        var calls = (await _h.GetOkAsync($"activity/call/?user_id={user}&_limit=100"))["data"]!.AsArray();
        var (status, _, _) = await _h.GetAsync($"activity/?user_id={user}");

        Assert.Contains(calls, c => (string?)c!["id"] == call.Id);
        Assert.All(calls, c => Assert.Equal(user, (string?)c!["user_id"]));
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task The_task_date_updated_filter_can_be_ignored_as_a_server_may()
    {
        using var ignoring = ApiHarness.Create(new SandboxApiOptions { TaskDateUpdatedFilterIgnored = true });
        var future = Q(ApiHarness.Start.AddYears(1));

        var honoured = (await _h.GetOkAsync($"task/?_type=all&date_updated__gte={future}"))["data"]!.AsArray();
        var ignored = (await ignoring.GetOkAsync($"task/?_type=all&date_updated__gte={future}"))["data"]!.AsArray();

        Assert.Empty(honoured);
        Assert.NotEmpty(ignored);
    }
}
