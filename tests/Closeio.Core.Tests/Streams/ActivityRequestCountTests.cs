namespace Closeio.Core.Tests.Streams;

/// <summary>
/// How many <c>GET activity/</c> requests a first sync makes, against the least it could: activities
/// come 100 to a page, so N activities need at least ⌈N/100⌉. Counted, never timed.
/// </summary>
public sealed class ActivityRequestCountTests(ITestOutputHelper output)
{
    private const string ActivityGroup = "GET /activity/";

    [Fact]
    public void Evenly_spread_activities_take_at_most_five_percent_more_requests_than_full_pages()
    {
        using var h = SandboxHarness.Create(new SandboxOptions { Seed = 7, Leads = 10, Activities = 0, Tasks = 0, HistoryDays = 30 });
        var start = h.Clock.GetUtcNow();
        var leads = h.Organization.Leads().Select(l => l.Id).ToArray();
        const int n = 6_000;
        for (var i = 0; i < n; i++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(7));
            h.Organization.CreateActivity(leads[i % leads.Length], "Note");
        }

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Api.Counters.Reset();
        // The sync's range is the activities' span: evenly spread over all of it.
        var run = SyncDriver.Run(h, new SyncRequest { Streams = ["activities"], StartDate = start });

        Assert.Empty(run.Errors);
        Assert.Equal(n, run.Records.Select(r => r.Id).Distinct().Count());
        var requests = h.Api.Counters.Count(ActivityGroup);
        var minimum = (n + 99) / 100;
        output.WriteLine($"{n} activities, {requests} activity requests, minimum {minimum} ({(double)requests / minimum:F3}x)");
        Assert.InRange(requests, minimum, (long)Math.Ceiling(minimum * 1.05) + 2);
    }

    [Theory]
    [InlineData(42, 8_000)]
    [InlineData(3, 20_000)]
    public void Activities_with_bulk_imported_instants_take_at_most_fifteen_percent_more_requests_than_full_pages(int seed, int activities)
    {
        // The generated history bunches activities after their leads and puts many on shared burst instants (imports).
        using var h = SandboxHarness.Create(new SandboxOptions { Seed = seed, Leads = 200, Activities = activities, Tasks = 0 });

        // From a year before the generated history (HistoryDays = 365), as a first run's default start date would be.
        var run = SyncDriver.Run(h, new SyncRequest { Streams = ["activities"], StartDate = h.Clock.GetUtcNow().AddDays(-400) });

        Assert.Empty(run.Errors);
        var total = h.Organization.Count(SandboxResource.Activity);
        Assert.Equal(total, run.Records.Select(r => r.Id).Distinct().Count());
        var requests = h.Api.Counters.Count(ActivityGroup);
        var minimum = (total + 99) / 100;
        output.WriteLine($"{total} activities, {requests} activity requests, minimum {minimum} ({(double)requests / minimum:F3}x)");
        Assert.InRange(requests, minimum, (long)Math.Ceiling(minimum * 1.15) + 2);
    }
}
