namespace Closeio.Core.Tests.Sync;

/// <summary>
/// What a large sync must get right, counted rather than timed: every record, no 400, and requests
/// that stay in proportion to the records. How fast it goes is the bench's business
/// (bench/Closeio.Bench, scenario <c>max-skip</c>).
/// </summary>
public sealed class LargeSyncTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Large")]
    public void A_hundred_thousand_activities_sync_without_reaching_max_skip()
    {
        using var h = SandboxHarness.Create(
            new SandboxOptions { Seed = 42, Users = 5, Leads = 400, Activities = 100_000, Tasks = 50 },
            new SandboxApiOptions { MaxSkip = 1_000 });

        var run = SyncDriver.Run(h, SyncDriver.From("activities"));

        var requests = h.Api.Counters.Count("GET /activity/");
        output.WriteLine($"synced {run.Records.Count} activities with {requests} activity requests");
        Assert.Empty(run.Errors);
        Assert.Equal(0, h.Api.Counters.Count(status: 400));
        Assert.Equal(h.Organization.Count(SandboxResource.Activity), run.Records.Count);
        Assert.Equal(run.Records.Count, run.Records.Select(r => r.Id).Distinct().Count());
        // Pages of 100: windows sized to about a page each (the bench measured ~60 records a request);
        // a windowing that degenerated into tiny windows would show here long before it showed as time.
        Assert.InRange(requests, run.Records.Count / 100L, run.Records.Count / 25L);
    }
}
