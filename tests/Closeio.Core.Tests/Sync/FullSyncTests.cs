namespace Closeio.Core.Tests.Sync;

public sealed class FullSyncTests
{
    internal static IEnumerable<(string Id, DateTimeOffset Key)> Expected(SandboxOrganization org, string stream) =>
        SandboxContents.Keys(org, stream);

    internal static string Describe(IEnumerable<(string Id, DateTimeOffset Key)> pairs) =>
        string.Join(", ", pairs.Take(5).Select(p => $"{p.Id}@{p.Key:O}"));

    [Theory]
    [MemberData(nameof(SyncDriver.SeedStreams), MemberType = typeof(SyncDriver))]
    public void A_full_sync_returns_exactly_the_organizations_records(string stream)
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, SyncDriver.From(stream));

        Assert.Empty(run.Errors);
        var expected = Expected(h.Organization, stream).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var got = run.Of(stream).Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, got);
        Assert.Equal("completed", run.Summaries.Single().Outcome);
        Assert.Equal(expected.Count, run.Summaries.Single().Records);
    }

    [Fact]
    public void Records_of_a_stream_come_in_ascending_key_then_id_order()
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, SyncDriver.From("activities", "tasks", "leads"));
        foreach (var stream in new[] { "activities", "tasks", "leads" })
        {
            var records = run.Of(stream).ToList();
            var sorted = records.OrderBy(r => r.Key).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            Assert.Equal(sorted.Select(r => r.Id), records.Select(r => r.Id));
        }
    }

    [Fact]
    public void A_second_run_without_changes_returns_nothing_for_about_one_request_per_stream()
    {
        using var h = SandboxHarness.Create();
        var all = new[] { "leads", "activities", "tasks", "users", "custom_fields", "event_log" };
        var first = SyncDriver.Run(h, SyncDriver.From(all));
        Assert.Empty(first.Errors);
        Assert.NotEmpty(first.Records);

        h.Api.Counters.Reset();
        var second = SyncDriver.Run(h, SyncDriver.From(all));

        Assert.Empty(second.Errors);
        Assert.Empty(second.Records);
        // me/ once, one list request per stream, custom_fields' kinds (read once, shared), and the
        // activities' read of the event log for edits.
        var requests = h.Api.Counters.Count();
        Assert.True(requests <= 1 + all.Length + (StreamCatalog.CustomFieldEndpointKinds.Count - 1) + 1, $"{requests} requests: {string.Join("; ", h.Api.Counters.Snapshot())}");
    }

    [Fact]
    public void Lead_records_carry_custom_values_under_the_custom_fields_names()
    {
        using var h = SandboxHarness.Create();
        var names = new[] { "lead", "shared" }.SelectMany(h.Organization.CustomFields)
            .Select(f => f.Render()["name"]!.GetValue<string>()).ToList();

        var run = SyncDriver.Run(h, SyncDriver.From("leads"));

        Assert.NotEmpty(names);
        var leads = run.Records;
        Assert.All(names, n => Assert.Contains(n, leads[0].Names));
        Assert.Contains(leads, r => names.Any(n => r[n] is not null));
    }

    [Fact]
    public void Tasks_of_every_type_are_synced_not_only_lead_tasks()
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, SyncDriver.From("tasks"));
        Assert.True(run.Records.Select(r => r["_type"]).Distinct().Count() > 1);
    }

    [Fact]
    public void Custom_field_records_say_which_kind_they_are()
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, SyncDriver.From("custom_fields"));

        foreach (var kind in new[] { "lead", "contact", "opportunity", "activity", "shared" })
        {
            Assert.Equal(h.Organization.CustomFields(kind).Select(f => f.Id).Order(),
                run.Records.Where(r => (string?)r["kind"] == kind).Select(r => r.Id).Order());
        }
    }
}
