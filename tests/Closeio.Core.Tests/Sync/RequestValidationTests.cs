namespace Closeio.Core.Tests.Sync;

public sealed class RequestValidationTests
{
    [Fact]
    public void A_negative_look_back_is_refused_instead_of_skipping_the_activities_after_the_bookmark()
    {
        using var h = SandboxHarness.Create();
        Assert.Empty(SyncDriver.Run(h, SyncDriver.From("activities")).Errors);
        var lead = h.Organization.Leads().First().Id;
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var created = h.Organization.CreateActivity(lead, "Note").Id;   // just after the bookmark
        h.Clock.Advance(TimeSpan.FromHours(3));
        var before = File.ReadAllText(h.Store.Path);

        // A negative look-back would start the activities after their bookmark: [bookmark, bookmark + 2 h) never read.
        var refused = Assert.Throws<ArgumentException>(() => SyncSession.Start(h.Connection, h.Store,
            new SyncRequest { Streams = ["activities"], LookBack = TimeSpan.FromHours(-2) }, CancellationToken.None));
        Assert.Contains("look-back", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, File.ReadAllText(h.Store.Path));

        var next = SyncDriver.Run(h, new SyncRequest { Streams = ["activities"] });
        Assert.Contains(next.Records, r => r.Id == created);
    }

    [Fact]
    public void A_negative_event_log_rescan_is_refused()
    {
        using var h = SandboxHarness.Create();

        Assert.Throws<ArgumentException>(() => SyncSession.Start(h.Connection, h.Store,
            new SyncRequest { Streams = ["event_log"], Tuning = new SyncTuning { EventLogRescan = TimeSpan.FromMinutes(-5) } },
            CancellationToken.None));
    }
}
