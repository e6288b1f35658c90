namespace Closeio.Core.Tests.Streams;

/// <summary>
/// Close's event cursor is a position, not a range: after the first page the <c>date_updated</c>
/// filters no longer bound the answer. The client must keep to its window and stop paging once the
/// events are older than it.
/// </summary>
public sealed class EventCursorWindowTests
{
    private static SyncRequest Request(DateTimeOffset start) => new()
    {
        Streams = ["event_log"],
        StartDate = start,
        Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { ["event_log"] = 5 } },
    };

    private static DateTimeOffset ServerNow(SandboxHarness h)
    {
        var now = h.Clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    [Fact]
    public void A_first_run_delivers_only_the_events_since_its_start_and_stops_paging_there()
    {
        DocumentedEventLog? log = null;
        using var h = SandboxHarness.Create(wrap: (api, inner) => log = new DocumentedEventLog(api, inner));
        var start = h.Clock.GetUtcNow().AddDays(-10);
        var all = h.Organization.Events().ToList();
        var expected = all.Where(e => e.DateUpdated >= start && e.DateUpdated < ServerNow(h)).Select(e => (e.Id, e.DateUpdated))
            .OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        Assert.True(all.Count(e => e.DateUpdated < start) > 20, "the log should hold many events older than the start");
        Assert.True(expected.Count > 10, "the window should need several pages");

        var run = SyncDriver.Run(h, Request(start));

        Assert.Empty(run.Errors);
        var got = run.Of("event_log").Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, got);
        // Pages of 5 newest first: it stops at the first page that reaches below the start.
        Assert.InRange(log!.Seen.Count, 1, expected.Count / 5 + 2);
    }

    [Fact]
    public void A_later_run_does_not_deliver_the_older_events_again()
    {
        using var h = SandboxHarness.Create(wrap: (api, inner) => new DocumentedEventLog(api, inner));
        var start = h.Clock.GetUtcNow().AddDays(-20);
        var first = SyncDriver.Run(h, Request(start));
        Assert.Empty(first.Errors);
        Assert.NotEmpty(first.Of("event_log"));

        h.Clock.Advance(TimeSpan.FromHours(1));
        foreach (var lead in h.Organization.Leads().Take(12).Select(l => l.Id).ToList())
        {
            h.Organization.UpdateLead(lead);
            h.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = SyncDriver.Run(h, Request(start));

        Assert.Empty(second.Errors);
        var got = second.Of("event_log").ToList();
        Assert.True(got.Count >= 12, $"only {got.Count} events came");
        var bookmark = first.Of("event_log").Max(r => r.Key);
        Assert.All(got, r => Assert.True(r.Key > bookmark - TimeSpan.FromMinutes(5), $"{r.Id} at {r.Key:O} was delivered again"));
    }

    [Fact]
    public void Get_CloseioEvent_Since_keeps_to_its_bound_and_stops_paging_there()
    {
        DocumentedEventLog? log = null;
        using var h = SandboxHarness.Create(wrap: (api, inner) => log = new DocumentedEventLog(api, inner));
        var all = h.Organization.Events().ToList();
        Assert.True(all.Count > 2 * EventCursorPager.MaxPageSize, $"the log should hold several pages, not {all.Count} events");
        var since = all[all.Count / 2].DateUpdated;
        var expected = all.Where(e => e.DateUpdated >= since).Select(e => e.Id).ToList();

        var got = new EventQuery { Since = since }
            .Run(new QueryContext(h.Connection), CancellationToken.None).ToList();

        Assert.Equal(expected, got.Select(r => r.Id));
        Assert.InRange(log!.Seen.Count, 1, expected.Count / EventCursorPager.MaxPageSize + 2);
    }
}
