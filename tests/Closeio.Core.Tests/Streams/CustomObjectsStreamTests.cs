namespace Closeio.Core.Tests.Streams;

/// <summary>
/// custom_objects, read through the leads that changed: a first sync delivers every custom object;
/// the next delivers those of the leads changed since (edited objects included) and no others; a run
/// cut short and resumed loses none.
/// </summary>
public sealed class CustomObjectsStreamTests
{
    private const string Stream = "custom_objects";

    private static SandboxHarness Harness() =>
        SandboxHarness.Create(SandboxHarness.Sizes(seed: 9, leads: 200, activities: 400));

    private static List<string> Live(SandboxHarness h) =>
        h.Organization.Objects(SandboxResource.CustomObject).Select(o => o.Id).Order(StringComparer.Ordinal).ToList();

    private static DateTimeOffset Time(string? text) =>
        CloseTimestamp.TryParse(text, out var t) ? t : throw new FormatException($"not a timestamp: {text}");

    [Fact]
    public void The_next_run_delivers_the_custom_objects_of_changed_leads_and_only_those()
    {
        using var h = Harness();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var live = Live(h);
        Assert.True(live.Count > 20, $"the Sandbox should hold many custom objects, not {live.Count}");

        var first = SyncDriver.Run(h, SyncDriver.From(Stream));

        Assert.Empty(first.Errors);
        Assert.Equal(live, first.Of(Stream).Select(r => r.Id).Order(StringComparer.Ordinal));

        var queried = new StreamQuery(StreamCatalog.Get(Stream)).Run(new QueryContext(h.Connection), CancellationToken.None).ToList();
        Assert.Equal(first.Of(Stream).Select(r => r.Id).Order(StringComparer.Ordinal), queried.Select(r => r.Id).Order(StringComparer.Ordinal));

        var objects = h.Organization.Objects(SandboxResource.CustomObject).ToList();
        var rng = new Random(9);
        var edited = new HashSet<string>(StringComparer.Ordinal);
        var changedLeads = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            var o = objects[rng.Next(objects.Count)];
            edited.Add(h.Organization.UpdateObject(SandboxResource.CustomObject, o.Id).Id);
            h.Organization.UpdateLead(o.LeadId!);
            changedLeads.Add(o.LeadId!);
            h.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = SyncDriver.Run(h, SyncDriver.From(Stream));

        Assert.Empty(second.Errors);
        var expected = h.Organization.Objects(SandboxResource.CustomObject)
            .Where(o => changedLeads.Contains(o.LeadId!)).Select(o => o.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Superset(edited, expected.ToHashSet(StringComparer.Ordinal));
        Assert.Equal(expected, second.Of(Stream).Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
        var byId = second.Of(Stream).ToDictionary(r => r.Id);
        Assert.All(edited, id => Assert.Equal(
            Time(h.Organization.Objects(SandboxResource.CustomObject).Single(o => o.Id == id).Render()["date_updated"]!.GetValue<string>()),
            Time(byId[id]["date_updated"] as string)));
    }

    [Fact]
    public void A_run_cut_short_and_resumed_loses_no_custom_object()
    {
        using var h = Harness();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var live = Live(h);

        var cut = SyncDriver.Run(h, SyncDriver.From(Stream), stopAfter: live.Count / 3);
        var rest = SyncDriver.Run(h, SyncDriver.From(Stream));

        Assert.Empty(rest.Errors);
        var delivered = cut.Of(Stream).Concat(rest.Of(Stream)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(live, delivered.Order(StringComparer.Ordinal));
        Assert.True(rest.Of(Stream).Count() < live.Count, "the resumed run should not start over");
    }

    [Fact]
    public void A_run_with_no_changed_lead_reads_no_custom_object()
    {
        using var h = Harness();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(SyncDriver.Run(h, SyncDriver.From(Stream)).Errors);
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        h.Api.Counters.Reset();

        var quiet = SyncDriver.Run(h, SyncDriver.From(Stream));

        Assert.Empty(quiet.Errors);
        Assert.Empty(quiet.Of(Stream));
        // Not the custom objects of the leads after the last one that had any, again.
        Assert.Equal(0, h.Api.Counters.Count("GET /custom_object/"));
    }

    [Fact]
    public void A_custom_object_edited_while_its_lead_stays_unchanged_comes_in_the_next_run()
    {
        using var h = Harness();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(SyncDriver.Run(h, SyncDriver.From(Stream)).Errors);

        // Close logs the edit in the event log; the lead's date_updated does not move.
        var target = h.Organization.Objects(SandboxResource.CustomObject).First();
        var leadUpdated = h.Organization.Leads().Single(l => l.Id == target.LeadId).DateUpdated;
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        h.Organization.UpdateObject(SandboxResource.CustomObject, target.Id);
        Assert.Equal(leadUpdated, h.Organization.Leads().Single(l => l.Id == target.LeadId).DateUpdated);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = SyncDriver.Run(h, SyncDriver.From(Stream));

        Assert.Empty(second.Errors);
        Assert.Contains(target.Id, second.Of(Stream).Select(r => r.Id));
        var third = SyncDriver.Run(h, SyncDriver.From(Stream));
        Assert.DoesNotContain(target.Id, third.Of(Stream).Select(r => r.Id));
    }
}
