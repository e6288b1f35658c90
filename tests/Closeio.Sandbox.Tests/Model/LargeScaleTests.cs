using System.Diagnostics;
using Xunit.Abstractions;

namespace Closeio.Sandbox.Tests.Model;

/// <summary>
/// The size the brief names (100,000 leads, 1,000,000 activities): counts and memory asserted, times only
/// printed (a wall-clock bound fails on a loaded machine; speed belongs to bench/).
/// </summary>
public class LargeScaleTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Large")]
    public void A_hundred_thousand_leads_and_a_million_activities_generate_and_enumerate_within_the_memory_budget()
    {
        var options = new SandboxOptions { Leads = 100_000, Activities = 1_000_000, Tasks = 20_000, Users = 25 };
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var (org, clock) = ModelFixture.Create(options);
        var generation = watch.Elapsed;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        output.WriteLine($"generate: {generation.TotalSeconds:F1} s, retained {retained / 1048576.0:F0} MB, process peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");

        watch.Restart();
        var activities = 0;
        var previous = DateTimeOffset.MaxValue;
        foreach (var a in org.Activities(null, null))
        {
            Assert.True(a.DateCreated <= previous);
            previous = a.DateCreated;
            activities++;
        }
        output.WriteLine($"enumerate {activities:N0} activities: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(org.Count(SandboxResource.Activity), activities);
        Assert.InRange(activities, 990_000, 1_000_000);

        watch.Restart();
        var leads = 0;
        long bytes = 0;
        var previousId = "";
        foreach (var lead in org.Leads())
        {
            Assert.True(string.CompareOrdinal(lead.Id, previousId) > 0);
            previousId = lead.Id;
            // Every lead is enumerated; one in ten is rendered (with its children) to keep the test short.
            if (leads++ % 10 == 0) bytes += lead.Render().ToJsonString().Length;
        }
        output.WriteLine($"enumerate {leads:N0} leads, render {leads / 10:N0} with children: {watch.Elapsed.TotalSeconds:F1} s, {bytes / 1048576.0:F0} MB of JSON");
        Assert.InRange(leads, 98_000, 100_000);

        watch.Restart();
        var rendered = 0;
        foreach (var a in org.Activities(ModelFixture.Start.AddDays(-3), null)) { a.Render(); rendered++; }
        output.WriteLine($"render {rendered:N0} activities of the last 3 days: {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        var events = 0;
        foreach (var e in org.Events()) { if (events++ % 10 == 0) e.Render(); }
        output.WriteLine($"enumerate {events:N0} events (rendering every 10th): {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(events > 50_000);

        watch.Restart();
        var rng = new Random(1);
        for (var i = 0; i < 2_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            org.RandomChange(rng);
        }
        output.WriteLine($"2,000 random changes: {watch.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");

        Assert.True(retained < 600L * 1048576, $"retained {retained / 1048576} MB");
    }
}
