namespace Closeio.Core.Tests.Sync;

/// <summary>
/// The event log under page faults: an empty page that says more follow, the same page again, a
/// cursor at an unknown event (answered 400 or with an empty page) and a burst of 5xx, each striking
/// the first, a middle or the last page. Every cell either completes with every event, or fails
/// clearly with a bookmark that passed no event it did not deliver, and a rerun completes.
/// </summary>
public sealed class EventLogFaultTests
{
    private const string Group = "GET /event/";

    public enum Fault { EmptyPageWithMore, RepeatedPage, UnknownCursorBadRequest, UnknownCursorEmptyPage, ServerErrorBurst }

    public enum Where { First, Middle, Last }

    private static SyncRequest Request() => new()
    {
        Streams = ["event_log"],
        StartDate = SyncDriver.From().StartDate,
        Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { ["event_log"] = 5 } },
    };

    private static SandboxHarness Harness(Fault fault) => SandboxHarness.Create(
        apiOptions: new SandboxApiOptions
        {
            UnknownEventCursor = fault == Fault.UnknownCursorEmptyPage ? UnknownEventCursorAnswer.EmptyPage : UnknownEventCursorAnswer.BadRequest,
        },
        maxRetries: 2);

    private static List<(string Id, DateTimeOffset Key)> Expected(SandboxHarness h) =>
        FullSyncTests.Expected(h.Organization, "event_log").OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    public static TheoryData<Fault, Where> Cells()
    {
        var cells = new TheoryData<Fault, Where>();
        foreach (var fault in Enum.GetValues<Fault>())
            foreach (var where in Enum.GetValues<Where>())
                cells.Add(fault, where);
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_page_fault_never_loses_an_event(Fault fault, Where where)
    {
        long pages;
        using (var clean = Harness(fault))
        {
            clean.Clock.Advance(TimeSpan.FromMinutes(1)); // nothing at the run's upper bound
            var run = SyncDriver.Run(clean, Request());
            Assert.Empty(run.Errors);
            pages = clean.Api.Counters.Count(Group);
        }

        Assert.True(pages >= 6, $"the log should take several pages, not {pages}");
        using var h = Harness(fault);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var expected = Expected(h);
        var at = where switch { Where.First => 0, Where.Middle => (int)(pages / 2), _ => (int)pages - 1 };
        var script = Enumerable.Repeat<SandboxFault?>(null, at).ToList();
        script.AddRange(fault switch
        {
            Fault.EmptyPageWithMore => [SandboxFault.EventEmptyPageWithMore],
            Fault.RepeatedPage => [SandboxFault.EventRepeatedPage],
            Fault.UnknownCursorBadRequest or Fault.UnknownCursorEmptyPage => [SandboxFault.EventUnknownCursor],
            // One more than the client's attempts (maxRetries 2): this page fails for good.
            _ => [SandboxFault.ServiceUnavailable, SandboxFault.ServiceUnavailable, SandboxFault.ServiceUnavailable],
        });
        h.Api.Faults.Script(Group, [.. script]);

        var first = SyncDriver.Run(h, Request());

        var delivered = first.Records.Select(r => (r.Id, r.Key)).ToHashSet();
        var summary = Assert.Single(first.Summaries);
        if (!first.Errors.Any())
        {
            Assert.Equal("completed", summary.Outcome);
            Assert.Equal(expected, delivered.OrderBy(p => p.Id, StringComparer.Ordinal));
            return;
        }

        Assert.Equal("failed", summary.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(first.Errors).Error.Message));
        if (h.Store.Load().Bookmarks.TryGetValue("event_log", out var bookmark) && bookmark.Value is { } b)
        {
            var passed = expected.Where(e => e.Key < b || (e.Key == b && bookmark.BoundaryIds.Contains(e.Id))).ToList();
            var unread = passed.Where(e => !delivered.Contains(e)).ToList();
            Assert.True(unread.Count == 0, $"the bookmark ({b:O}) passed undelivered events: {FullSyncTests.Describe(unread)}");
        }

        h.Api.Faults.Clear();
        var again = SyncDriver.Run(h, Request());
        Assert.Empty(again.Errors);
        Assert.Equal("completed", Assert.Single(again.Summaries).Outcome);
        delivered.UnionWith(again.Records.Select(r => (r.Id, r.Key)));
        Assert.Equal(expected, delivered.OrderBy(p => p.Id, StringComparer.Ordinal));
    }

    [Fact]
    public void Empty_pages_with_more_to_come_on_a_tenth_of_the_pages_lose_nothing()
    {
        using var h = Harness(Fault.EmptyPageWithMore);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Api.Faults.Reseed(7);
        h.Api.Faults.SetProbability(SandboxFault.EventEmptyPageWithMore, 0.1, Group);

        var run = SyncDriver.Run(h, Request());

        Assert.Empty(run.Errors);
        Assert.True(h.Api.Counters.Count(Group) > 10);
        Assert.Equal(Expected(h), run.Records.Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal));
        Assert.Equal(Expected(h).Max(e => e.Key), h.Store.Load().Bookmarks["event_log"].Value);
    }

    [Fact]
    public void Cursors_that_always_fail_fall_back_to_queries_by_date_and_lose_nothing()
    {
        using var h = Harness(Fault.UnknownCursorEmptyPage);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Api.Faults.SetProbability(SandboxFault.EventUnknownCursor, 1.0, Group);

        var run = SyncDriver.Run(h, Request());

        Assert.Empty(run.Errors);
        Assert.Equal(Expected(h), run.Records.Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal));
    }

    [Fact]
    public void At_half_the_pages_failing_every_run_keeps_what_it_delivered_and_the_runs_get_everything()
    {
        using var h = SandboxHarness.Create(maxRetries: 3);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var expected = Expected(h);
        h.Api.Faults.Reseed(11);
        h.Api.Faults.SetProbability(SandboxFault.InternalServerError, 0.5, Group);
        var delivered = new HashSet<(string, DateTimeOffset)>();
        DateTimeOffset? last = null;
        var runs = 0;
        var failed = 0;
        var deliveredByFailedRuns = 0;
        while (delivered.Count < expected.Count && runs < 30)
        {
            var run = SyncDriver.Run(h, Request());
            runs++;
            delivered.UnionWith(run.Records.Select(r => (r.Id, r.Key)));
            var bookmark = h.Store.Load().Bookmarks.GetValueOrDefault("event_log")?.Value;
            if (run.Errors.Any())
            {
                failed++;
                deliveredByFailedRuns += run.Records.Count;
                Assert.True(bookmark is null || expected.Where(e => e.Key < bookmark).All(delivered.Contains),
                    "a failed run's bookmark passed an undelivered event");
            }

            Assert.True(bookmark >= last || last is null, "the bookmark moved backwards");
            last = bookmark;
        }

        Assert.True(failed > 0, "half the pages failing should have failed some runs");
        // A run that fails part way still delivers (and bookmarks) the windows before the failure.
        Assert.True(deliveredByFailedRuns > 0, $"{failed} failed runs delivered nothing");
        Assert.Equal(expected.Count, delivered.Count(expected.Contains));
    }
}
