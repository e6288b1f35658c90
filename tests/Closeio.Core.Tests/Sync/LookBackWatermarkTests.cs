namespace Closeio.Core.Tests.Sync;

/// <summary>
/// The activities watermark says "every activity this run re-read was delivered at its version as of
/// the watermark"; it only holds for the region that run re-read. A later run with a wider look-back
/// re-reads older activities too, and must not judge them by a watermark that never covered them.
/// </summary>
public sealed class LookBackWatermarkTests
{
    [Fact]
    public void A_wider_look_back_delivers_an_edit_older_than_the_last_look_back_region()
    {
        using var h = SandboxHarness.Create(new SandboxOptions { Leads = 20, Activities = 400, Tasks = 10, HistoryDays = 30 });
        var request = new SyncRequest { Streams = ["activities"], StartDate = SyncDriver.From().StartDate };
        Assert.Empty(SyncDriver.Run(h, request).Errors);
        var bookmark = h.Store.Load().Bookmarks["activities"].Value!.Value;

        // Edited between the runs, but created three days before the bookmark: outside a 24-hour look-back.
        var old = h.Organization.Activities(bookmark.AddDays(-5), bookmark.AddDays(-2)).First();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var edited = h.Organization.UpdateActivity(old.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = SyncDriver.Run(h, request);   // 24-hour look-back: does not reach it, the event log does
        Assert.Empty(second.Errors);
        Assert.Single(second.Records, r => r.Id == old.Id);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var wider = SyncDriver.Run(h, new SyncRequest { Streams = ["activities"], LookBack = TimeSpan.FromDays(7) });

        Assert.Empty(wider.Errors);
        var delivered = Assert.Single(wider.Records, r => r.Id == old.Id);
        Assert.Equal(Closeio.Core.Records.CloseTimestamp.Format(edited.DateUpdated), delivered["date_updated"]);
    }
}
