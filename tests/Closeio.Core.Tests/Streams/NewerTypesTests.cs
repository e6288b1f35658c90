using Closeio.Core.Tests.Queries;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// Unknown types are data, not errors: /activity/ also returns LeadMerge, WhatsAppMessage,
/// FormSubmission and custom activities, tasks also come as outgoing_call, and custom objects have
/// custom fields of their own. Full and incremental syncs deliver them all.
/// </summary>
public sealed class NewerTypesTests
{
    [Fact]
    public void Full_and_incremental_syncs_deliver_the_newer_activity_and_task_types_and_custom_object_fields()
    {
        using var h = SandboxHarness.Create(new SandboxOptions { Leads = 30, Activities = 400, Tasks = 120 });
        var streams = new[] { "activities", "tasks", "custom_fields" };

        var full = SyncDriver.Run(h, SyncDriver.From(streams));

        Assert.Empty(full.Errors);
        var activityTypes = full.Of("activities").Select(r => (string?)r["_type"]).ToHashSet();
        Assert.Superset(new HashSet<string?> { "LeadMerge", "WhatsAppMessage", "FormSubmission", "CustomActivity" }, activityTypes);
        Assert.Contains(full.Of("tasks"), r => (string?)r["_type"] == "outgoing_call");
        Assert.Equal(h.Organization.CustomFields("custom_object_type").Select(f => f.Id).Order(),
            full.Of("custom_fields").Where(r => (string?)r["kind"] == "custom_object_type").Select(r => r.Id).Order());

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var lead = h.Organization.Leads().First().Id;
        var message = h.Organization.CreateActivity(lead, "WhatsAppMessage");
        var task = h.Organization.CreateTask(lead, "outgoing_call");
        var field = h.Organization.CreateCustomField("custom_object_type");
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var next = SyncDriver.Run(h, SyncDriver.From(streams));

        Assert.Empty(next.Errors);
        Assert.Equal([message.Id], next.Of("activities").Select(r => r.Id));
        Assert.Equal([task.Id], next.Of("tasks").Select(r => r.Id));
        Assert.Equal([field.Id], next.Of("custom_fields").Select(r => r.Id));
    }

    [Fact]
    public void Get_queries_accept_the_documented_newer_types()
    {
        using var sandbox = QuerySandbox.Create(activities: 400);

        var calls = sandbox.Run(new TaskQuery { Types = ["outgoing_call"] });
        var merges = sandbox.Run(new ActivityQuery { Types = ["LeadMerge", "customactivity"] });
        var objectFields = sandbox.Run(new CustomFieldQuery { Kinds = ["custom_object_type"] });

        Assert.NotEmpty(calls);
        Assert.All(calls, t => Assert.Equal("outgoing_call", (string?)t["_type"]));
        Assert.Equal(new HashSet<string?> { "LeadMerge", "CustomActivity" }, merges.Select(a => (string?)a["_type"]).ToHashSet());
        Assert.NotEmpty(objectFields);
    }

    [Fact]
    public void A_task_type_this_client_does_not_know_is_asked_of_Close_rather_than_refused()
    {
        using var sandbox = QuerySandbox.Create();

        var error = Assert.ThrowsAny<Exception>(() => sandbox.Run(new TaskQuery { Types = ["brand_new_type"] }));

        // Close (here the Sandbox) judges the name: the request went out.
        Assert.Contains(sandbox.Requests("task/"), r => r.ToString().Contains("brand_new_type", StringComparison.Ordinal));
        Assert.IsNotType<ArgumentException>(error);
    }
}
