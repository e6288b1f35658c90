using System.Text.Json;

namespace Closeio.Sandbox.Tests.Model;

/// <summary>The generated event log agrees with the objects, holds 30 days, and consolidation moves events.</summary>
public class EventLogTests
{
    [Fact]
    public void Every_object_created_or_updated_in_the_last_30_days_has_its_event()
    {
        var (org, _) = ModelFixture.Create();
        var window = ModelFixture.Start.AddDays(-30);
        var events = org.Events().Select(ModelFixture.Json).ToList();
        var created = events.Where(e => e.GetProperty("action").GetString() == "created").Select(e => e.GetProperty("object_id").GetString()).ToHashSet();
        // A merge destination's last change is its "merged" event.
        var updatedAt = events.Where(e => e.GetProperty("action").GetString() is "updated" or "merged")
            .Select(e => (e.GetProperty("object_id").GetString(), e.GetProperty("data").GetProperty("date_updated").GetString())).ToHashSet();
        var objects = org.Leads().Concat(org.Contacts()).Concat(org.Opportunities()).Concat(org.Tasks()).Concat(org.Activities(null, null)).ToList();
        var recent = objects.Where(o => o.DateCreated >= window).ToList();
        Assert.NotEmpty(recent);
        Assert.All(recent, o => Assert.Contains(o.Id, created));
        var changed = objects.Where(o => o.DateUpdated >= window && o.DateUpdated > o.DateCreated).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, o => Assert.Contains((o.Id, ModelFixture.Json(o).GetProperty("date_updated").GetString()), updatedAt));
    }

    [Fact]
    public void Events_come_newest_first_within_30_days_and_their_data_matches_the_object()
    {
        var (org, _) = ModelFixture.Create();
        var events = org.Events().ToList();
        Assert.Equal(events.OrderByDescending(e => e.DateUpdated).Select(e => e.Id), events.Select(e => e.Id));
        Assert.All(events, e => Assert.InRange(e.DateUpdated, ModelFixture.Start.AddDays(-30), ModelFixture.Start));
        Assert.All(events, e => Assert.True(e.DateUpdated >= e.DateCreated));
        Assert.Contains(events, e => e.DateUpdated > e.DateCreated); // some were consolidated
        Assert.Equal(events.Count, org.Count(SandboxResource.Event));
        // The newest update of an activity carries exactly what the activity renders now.
        var activity = org.Activities(ModelFixture.Start.AddDays(-20), null).First(a => a.DateUpdated > a.DateCreated && a.DateUpdated > ModelFixture.Start.AddDays(-30));
        var e = events.Select(ModelFixture.Json).First(x => x.GetProperty("object_id").GetString() == activity.Id && x.GetProperty("action").GetString() == "updated");
        Assert.Equal(ModelFixture.Json(activity).GetRawText(), e.GetProperty("data").GetRawText());
        Assert.Equal(activity.LeadId, e.GetProperty("lead_id").GetString());
        Assert.StartsWith("activity.", e.GetProperty("object_type").GetString());
    }

    [Fact]
    public void Generated_history_holds_cascaded_deletions_and_merges_inside_the_window()
    {
        var (org, _) = ModelFixture.Create(new SandboxOptions { Leads = 600, Activities = 6000, Tasks = 600 });
        var events = org.Events().Select(ModelFixture.Json).ToList();
        var merged = events.Where(e => e.GetProperty("action").GetString() == "merged").ToList();
        Assert.NotEmpty(merged);
        foreach (var m in merged)
        {
            var source = m.GetProperty("meta").GetProperty("merge_source_lead_id").GetString()!;
            Assert.Null(org.Find(SandboxResource.Lead, source));
            Assert.NotNull(org.Find(SandboxResource.Lead, m.GetProperty("object_id").GetString()!));
        }
        var deletedLeads = events.Where(e => e.GetProperty("action").GetString() == "deleted" && e.GetProperty("object_type").GetString() == "lead").ToList();
        Assert.True(deletedLeads.Count > merged.Count);
        foreach (var d in deletedLeads)
        {
            var leadId = d.GetProperty("object_id").GetString()!;
            Assert.Null(org.Find(SandboxResource.Lead, leadId));
            Assert.Empty(org.Activities(null, null, leadId));
            Assert.Empty(org.Contacts(leadId));
        }
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "deleted" && e.GetProperty("object_type").GetString()!.StartsWith("activity.", StringComparison.Ordinal));
    }

    [Fact]
    public void Events_older_than_30_days_drop_out_as_the_clock_moves()
    {
        var (org, clock) = ModelFixture.Create();
        var before = org.Events().ToList();
        clock.Advance(TimeSpan.FromDays(10));
        var after = org.Events().ToList();
        Assert.True(after.Count < before.Count);
        Assert.All(after, e => Assert.True(e.DateUpdated >= clock.GetUtcNow().AddDays(-30)));
        Assert.Equal(before.Where(e => e.DateUpdated >= clock.GetUtcNow().AddDays(-30)).Select(e => e.Id), after.Select(e => e.Id));
        Assert.Null(org.Find(SandboxResource.Event, before.Last().Id));
        clock.Advance(TimeSpan.FromDays(25));
        Assert.Empty(org.Events());
        Assert.Equal(0, org.Count(SandboxResource.Event));
    }

    [Fact]
    public void Consolidating_an_event_moves_its_date_updated_to_now_and_to_the_front()
    {
        var (org, clock) = ModelFixture.Create();
        var old = org.Events().Skip(50).First();
        var body = ModelFixture.Json(old);
        var count = org.Count(SandboxResource.Event);
        clock.Advance(TimeSpan.FromMinutes(2));
        org.ConsolidateEvent(old.Id);
        var first = org.Events().First();
        Assert.Equal(old.Id, first.Id);
        Assert.Equal(clock.GetUtcNow(), first.DateUpdated);
        Assert.Equal(old.DateCreated, first.DateCreated);
        Assert.Equal(count, org.Count(SandboxResource.Event));
        Assert.Single(org.Events(), e => e.Id == old.Id);
        Assert.Equal(body.GetProperty("data").GetRawText(), ModelFixture.Json(first).GetProperty("data").GetRawText());
        Assert.Equal(clock.GetUtcNow(), org.Find(SandboxResource.Event, old.Id)!.DateUpdated);
        Assert.Throws<KeyNotFoundException>(() => org.ConsolidateEvent("ev_nope"));
    }

    [Fact]
    public void Updated_events_list_exactly_the_fields_that_differ_from_previous_data()
    {
        var (org, _) = ModelFixture.Create();
        foreach (var e in org.Events().Select(ModelFixture.Json).Where(e => e.GetProperty("action").GetString() == "updated").Take(200))
        {
            var changed = e.GetProperty("changed_fields").EnumerateArray().Select(x => x.GetString()!).ToList();
            Assert.Contains("date_updated", changed);
            var previous = e.GetProperty("previous_data");
            Assert.Equal(changed.Order(), previous.EnumerateObject().Select(p => p.Name).Order());
            foreach (var f in changed)
            {
                var now = e.GetProperty("data").TryGetProperty(f, out var v) ? v.GetRawText() : null;
                Assert.NotEqual(now, previous.GetProperty(f).GetRawText());
            }
        }
    }
}
