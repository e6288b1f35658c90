namespace Closeio.Core.Tests.Sync;

public sealed class IncrementalSyncTests
{
    private static readonly string[] AllStreams = ["leads", "activities", "tasks", "users", "custom_fields", "event_log"];

    [Fact]
    public void After_changes_a_run_returns_exactly_the_changed_records()
    {
        using var h = SandboxHarness.Create();
        var first = SyncDriver.Run(h, SyncDriver.From(AllStreams));
        Assert.Empty(first.Errors);

        h.Clock.Advance(TimeSpan.FromMinutes(3));
        var org = h.Organization;
        var changedLead = org.UpdateLead(org.Leads().First().Id);
        var newLead = org.CreateLead();
        var changedTask = org.UpdateTask(org.Tasks().Skip(3).First().Id);
        var newTask = org.CreateTask(newLead.Id, "missed_call");
        var newestActivity = org.Activities(null, null).First();
        var editedActivity = org.UpdateActivity(newestActivity.Id);    // inside the 24 h look-back
        var newActivity = org.CreateActivity(newLead.Id, "Note");
        var changedUser = org.UpdateUser(org.Users().Last().Id);
        var newField = org.CreateCustomField("lead");
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = SyncDriver.Run(h, SyncDriver.From(AllStreams));

        Assert.Empty(second.Errors);
        // Whatever the organization itself says changed after the first run (a task edit also touches its lead).
        var t0 = SandboxApi.DefaultStart.AddMinutes(3);
        foreach (var stream in new[] { "leads", "tasks", "users", "custom_fields", "event_log" })
        {
            var expected = FullSyncTests.Expected(org, stream).Where(p => p.Key >= t0).Select(p => p.Id).Order().ToList();
            Assert.Equal(expected, second.Of(stream).Select(r => r.Id).Order());
        }

        Assert.Contains(changedLead.Id, second.Of("leads").Select(r => r.Id));
        Assert.Contains(newLead.Id, second.Of("leads").Select(r => r.Id));
        Assert.Equal(new[] { changedTask.Id, newTask.Id }.Order(), second.Of("tasks").Select(r => r.Id).Order());
        Assert.Equal([changedUser.Id], second.Of("users").Select(r => r.Id));
        Assert.Equal([newField.Id], second.Of("custom_fields").Select(r => r.Id));
        Assert.Equal(new[] { editedActivity.Id, newActivity.Id }.Order(), second.Of("activities").Select(r => r.Id).Order());
        Assert.Equal([changedUser.Id], second.Of("users").Select(r => r.Id));
        Assert.Equal([newField.Id], second.Of("custom_fields").Select(r => r.Id));
        // The edited activity comes back at its new version.
        Assert.Equal(Closeio.Core.Records.CloseTimestamp.Format(editedActivity.DateUpdated),
            second.Of("activities").Single(r => r.Id == editedActivity.Id)["date_updated"]);
    }

    [Fact]
    public void An_activity_edit_outside_the_look_back_comes_back_once_and_an_unedited_look_back_is_silent()
    {
        using var h = SandboxHarness.Create();
        SyncDriver.Run(h, SyncDriver.From("activities"));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = SyncDriver.Run(h, SyncDriver.From("activities"));
        Assert.Empty(third.Records);

        var old = h.Organization.Activities(null, SandboxApi.DefaultStart.AddDays(-30)).First();
        h.Organization.UpdateActivity(old.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var fourth = SyncDriver.Run(h, SyncDriver.From("activities"));
        // Close offers no date_updated filter on activities; the event log names the edit instead.
        Assert.Equal([old.Id], fourth.Records.Select(r => r.Id));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(SyncDriver.Run(h, SyncDriver.From("activities")).Records);
    }

    [Fact]
    public void A_consolidated_event_is_delivered_again_within_the_rescan()
    {
        using var h = SandboxHarness.Create();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var lead = h.Organization.CreateLead();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        SyncDriver.Run(h, SyncDriver.From("event_log"));

        var ev = h.Organization.Events().First(e => e.LeadId == lead.Id);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        h.Organization.ConsolidateEvent(ev.Id);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var again = SyncDriver.Run(h, SyncDriver.From("event_log"));

        var record = Assert.Single(again.Records);
        Assert.Equal(ev.Id, record.Id);
        Assert.True(record.Key > ev.DateUpdated);
    }

    [Fact]
    public void A_run_without_saving_bookmarks_never_writes_the_profile()
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, SyncDriver.From("users", "tasks") is var r ? new Closeio.Core.Sync.SyncRequest
        {
            Streams = r.Streams, StartDate = r.StartDate, SaveBookmarks = false,
        } : null!);
        Assert.NotEmpty(run.Records);
        Assert.False(File.Exists(h.Store.Path));
    }
}
