namespace Closeio.Core.Tests.Streams;

/// <summary>
/// The deletions stream against the Sandbox's own record of what it deleted and merged: every removal
/// the event log still holds comes back, with its type, lead and merge destination; incremental runs
/// between bursts of changes lose none; a run after more than 30 days says what may have been missed.
/// </summary>
public sealed class DeletionsStreamTests
{
    private const string Stream = "deletions";

    private static SandboxHarness Harness() =>
        SandboxHarness.Create(SandboxHarness.Sizes(seed: 11, leads: 300, activities: 1500));

    private static string? Text(Record r, string column) => r[column] as string;

    [Fact]
    public void Deletions_report_exactly_what_the_Sandbox_deleted_or_merged_and_incremental_runs_lose_none()
    {
        using var h = Harness();
        var rng = new Random(11);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var delivered = new List<Record>(SyncDriver.Run(h, SyncDriver.From(Stream)).Of(Stream));

        var queried = new StreamQuery(StreamCatalog.Get(Stream)).Run(new QueryContext(h.Connection), CancellationToken.None).ToList();
        Assert.Equal(delivered.Select(r => r.Id).Order(StringComparer.Ordinal), queried.Select(r => r.Id).Order(StringComparer.Ordinal));
        var runs = 1;
        for (var burst = 0; burst < 4; burst++)
        {
            for (var i = 0; i < 100; i++)
            {
                h.Organization.RandomChange(rng);
                h.Clock.Advance(TimeSpan.FromSeconds(7));
            }

            h.Clock.Advance(TimeSpan.FromMinutes(1));
            var run = SyncDriver.Run(h, SyncDriver.From(Stream));
            Assert.Empty(run.Errors);
            Assert.DoesNotContain(run.Warnings, w => w.Message.Contains("may be missing", StringComparison.Ordinal));
            delivered.AddRange(run.Of(Stream));
            runs++;
        }

        var oldest = h.Clock.GetUtcNow() - TimeSpan.FromDays(30);
        var expected = h.Organization.Deletions.Where(d => d.When >= oldest).ToList();
        Assert.True(expected.Count(d => d.MergedInto is not null) >= 2, "the changes should include merges");
        Assert.True(expected.Select(d => d.ObjectType).Distinct().Count() >= 4, "the changes should delete several kinds");

        // Each event comes once (a re-delivery would carry the same id and key).
        var byEvent = delivered.GroupBy(r => r.Id).ToList();
        Assert.All(byEvent, g => Assert.Single(g.Select(r => r.Key).Distinct()));
        var records = byEvent.Select(g => g.First()).Where(r => r.Key >= oldest).ToList();

        var byObject = records.GroupBy(r => Text(r, "object_id")!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expected.Select(d => d.Id).Order(StringComparer.Ordinal), byObject.Keys.Order(StringComparer.Ordinal));
        foreach (var d in expected)
        {
            var mine = byObject[d.Id];
            Assert.All(mine, r => Assert.Equal(d.ObjectType, Text(r, "object_type")));
            Assert.All(mine, r => Assert.Equal(d.LeadId, Text(r, "lead_id")));
            Assert.Equal(d.MergedInto, mine.Select(r => Text(r, "merged_into")).SingleOrDefault(m => m is not null));
            Assert.Contains(mine, r => CloseTimestamp.TryParse(Text(r, "date"), out var when) && when == d.When && Text(r, "user_id") == d.UserId);
        }

        Assert.Equal(5, runs);
    }

    [Fact]
    public void A_run_more_than_30_days_after_the_last_warns_which_deletions_may_be_missing()
    {
        using var h = Harness();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var first = SyncDriver.Run(h, SyncDriver.From(Stream));
        Assert.DoesNotContain(first.Warnings, w => w.Message.Contains("may be missing", StringComparison.Ordinal));

        h.Clock.Advance(TimeSpan.FromDays(29));
        var soon = SyncDriver.Run(h, SyncDriver.From(Stream));
        Assert.DoesNotContain(soon.Warnings, w => w.Message.Contains("may be missing", StringComparison.Ordinal));
        // How far the last run read the log (past its last deletion), as the bookmark keeps it.
        var bookmark = h.Store.Load().Bookmarks[Stream];
        Assert.True(CloseTimestamp.TryParse(bookmark.Extra["covered"], out var covered));
        Assert.True(covered > bookmark.Value);

        h.Clock.Advance(TimeSpan.FromDays(31));
        var late = SyncDriver.Run(h, SyncDriver.From(Stream));
        var warning = Assert.Single(late.Warnings, w => w.Message.Contains("may be missing", StringComparison.Ordinal));
        Assert.Contains(CloseTimestamp.Format(covered), warning.Message, StringComparison.Ordinal);
        Assert.Contains("Reset-CloseioState", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_rereads_the_log_from_where_the_last_run_stopped_not_from_the_last_deletion()
    {
        using var h = Harness();
        var request = new SyncRequest
        {
            Streams = [Stream],
            StartDate = SyncDriver.From().StartDate,
            Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { [Stream] = 5 } },
        };
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(SyncDriver.Run(h, request).Errors);
        h.Clock.Advance(TimeSpan.FromHours(2));
        h.Api.Counters.Reset();

        var quiet = SyncDriver.Run(h, request);

        Assert.Empty(quiet.Errors);
        Assert.Empty(quiet.Of(Stream));
        // Nothing happened since the last run: one empty page, not the days since the last deletion again.
        Assert.Equal(1, h.Api.Counters.Count("GET /event/"));
    }
}
