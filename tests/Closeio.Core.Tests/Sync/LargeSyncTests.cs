using System.Diagnostics;
using Closeio.Core.Tests.Support;
using Closeio.Sandbox;
using Xunit.Abstractions;

namespace Closeio.Core.Tests.Sync;

public sealed class LargeSyncTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Large")]
    public void A_hundred_thousand_activities_sync_without_reaching_max_skip()
    {
        var watch = Stopwatch.StartNew();
        using var h = SandboxHarness.Create(
            new SandboxOptions { Seed = 42, Users = 5, Leads = 400, Activities = 100_000, Tasks = 50 },
            new SandboxApiOptions { MaxSkip = 1_000 });
        var generated = watch.Elapsed;

        watch.Restart();
        var run = SyncDriver.Run(h, SyncDriver.From("activities"));
        var synced = watch.Elapsed;

        var requests = h.Api.Counters.Count();
        output.WriteLine($"generated 100,000 activities in {generated.TotalSeconds:0.0} s; synced {run.Records.Count} in " +
                         $"{synced.TotalSeconds:0.0} s with {requests} requests ({run.Records.Count / Math.Max(0.001, synced.TotalSeconds):0} records/s)");
        Assert.Empty(run.Errors);
        Assert.Equal(0, h.Api.Counters.Count(status: 400));
        Assert.Equal(h.Organization.Count(SandboxResource.Activity), run.Records.Count);
        Assert.Equal(run.Records.Count, run.Records.Select(r => r.Id).Distinct().Count());
        Assert.True(synced < TimeSpan.FromSeconds(60), $"took {synced}");
    }
}
