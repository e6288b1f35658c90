namespace Closeio.Core.Tests.Sync;

/// <summary>
/// Close has no date_updated filter on activities, so a look-back alone misses an activity edited
/// after it (a call's recording added a day later, a note corrected next week). The event log's
/// activity updates name those edits; the activities stream reads them and re-reads the activities by id.
/// </summary>
public sealed class ActivityEditTests
{
    private static SyncRequest NoLookBack() => new() { Streams = ["activities"], LookBack = TimeSpan.Zero, StartDate = SyncDriver.From().StartDate };

    [Fact]
    public void Edits_made_2_10_and_29_days_after_creation_each_come_back_once_with_no_look_back()
    {
        using var h = SandboxHarness.Create(new SandboxOptions { Leads = 20, Activities = 300, Tasks = 10, HistoryDays = 60 });
        var lead = h.Organization.Leads().First().Id;
        var call = h.Organization.CreateActivity(lead, "Call");
        var note = h.Organization.CreateActivity(lead, "Note");
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var first = SyncDriver.Run(h, NoLookBack());
        Assert.Empty(first.Errors);
        Assert.Single(first.Records, r => r.Id == call.Id);

        var delivered = new List<Record>();
        var day = 0;
        var other = h.Organization.Leads().Skip(1).First().Id;
        foreach (var editDay in new[] { 2, 10, 29 })
        {
            // Syncs run every day or so, and new activities move the bookmark on; nothing of ours comes
            // back until it is edited.
            while (day < editDay)
            {
                h.Clock.Advance(TimeSpan.FromDays(1));
                day++;
                h.Organization.CreateActivity(other, "Email");
                if (day == editDay) break;
                var quiet = SyncDriver.Run(h, NoLookBack());
                Assert.Empty(quiet.Errors);
                delivered.AddRange(quiet.Records.Where(r => r.Id == call.Id || r.Id == note.Id));
            }

            var edit = h.Organization.UpdateActivity(call.Id);
            h.Clock.Advance(TimeSpan.FromMinutes(2));
            var next = SyncDriver.Run(h, NoLookBack());
            Assert.Empty(next.Errors);
            var got = Assert.Single(next.Records, r => r.Id == call.Id);
            Assert.Equal(CloseTimestamp.Format(edit.DateUpdated), got["date_updated"]);
            delivered.Add(got);

            // A run right after (inside the event log's re-scan) does not deliver it again.
            h.Clock.Advance(TimeSpan.FromMinutes(1));
            var again = SyncDriver.Run(h, NoLookBack());
            Assert.Empty(again.Errors);
            delivered.AddRange(again.Records.Where(r => r.Id == call.Id || r.Id == note.Id));
        }

        Assert.Equal(3, delivered.Count);
        Assert.Equal(3, delivered.Select(r => r["date_updated"]).Distinct().Count());
        Assert.DoesNotContain(delivered, r => r.Id == note.Id);
    }

    [Fact]
    public void A_run_after_more_than_30_days_warns_that_older_edits_may_be_missed()
    {
        using var h = SandboxHarness.Create(new SandboxOptions { Leads = 10, Activities = 100, Tasks = 5, HistoryDays = 60 });
        Assert.Empty(SyncDriver.Run(h, NoLookBack()).Errors);
        h.Clock.Advance(TimeSpan.FromDays(31));

        var late = SyncDriver.Run(h, NoLookBack());

        Assert.Empty(late.Errors);
        Assert.Contains(late.Warnings, w => w.Message.Contains("30 days", StringComparison.Ordinal));
        Assert.Empty(SyncDriver.Run(h, NoLookBack()).Warnings); // a run soon after has nothing to warn about
    }

    [Fact]
    public void An_edit_read_from_the_event_log_is_not_repeated_by_the_look_back()
    {
        using var h = SandboxHarness.Create(new SandboxOptions { Leads = 10, Activities = 100, Tasks = 5, HistoryDays = 60 });
        var request = new SyncRequest { Streams = ["activities"], StartDate = SyncDriver.From().StartDate }; // 24-hour look-back
        Assert.Empty(SyncDriver.Run(h, request).Errors);
        var bookmark = h.Store.Load().Bookmarks["activities"].Value!.Value;
        var recent = h.Organization.Activities(bookmark.AddHours(-20), null).First();
        var old = h.Organization.Activities(null, bookmark.AddDays(-3)).First();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Organization.UpdateActivity(recent.Id);
        h.Organization.UpdateActivity(old.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var next = SyncDriver.Run(h, request);

        Assert.Empty(next.Errors);
        Assert.Single(next.Records, r => r.Id == recent.Id);
        Assert.Single(next.Records, r => r.Id == old.Id);
    }

    [Fact]
    public void A_shorter_look_back_makes_an_incremental_run_cheaper()
    {
        using var h = SandboxHarness.Create(new SandboxOptions { Leads = 40, Activities = 200, Tasks = 5, HistoryDays = 60 });
        var leads = h.Organization.Leads().Select(l => l.Id).ToList();
        // A busy day: 3,000 activities in the last 24 hours (30 pages of 100).
        for (var i = 0; i < 3000; i++)
        {
            h.Organization.CreateActivity(leads[i % leads.Count]);
            if (i % 100 == 0) h.Clock.Advance(TimeSpan.FromMinutes(20));
        }

        Assert.Empty(SyncDriver.Run(h, SyncDriver.From("activities")).Errors);
        var store = h.Store.Load();
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        var withDay = SyncDriver.Run(h, new SyncRequest { Streams = ["activities"], SaveBookmarks = false });
        var withNone = SyncDriver.Run(h, new SyncRequest { Streams = ["activities"], SaveBookmarks = false, LookBack = TimeSpan.Zero });

        Assert.Empty(withDay.Errors);
        Assert.Empty(withNone.Errors);
        var dayRequests = withDay.Summaries.Single().Requests;
        var noneRequests = withNone.Summaries.Single().Requests;
        Assert.True(noneRequests < dayRequests / 2, $"look-back 0: {noneRequests} requests; 24 h: {dayRequests}");
        Assert.NotNull(store.Bookmarks["activities"].Extra.GetValueOrDefault("edits_through"));
    }
}
