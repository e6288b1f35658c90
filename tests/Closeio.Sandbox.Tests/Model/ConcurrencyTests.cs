namespace Closeio.Sandbox.Tests.Model;

public class ConcurrencyTests
{
    [Fact]
    public async Task Reading_and_rendering_while_mutating_in_parallel_never_throws()
    {
        var (org, clock) = ModelFixture.Create(new SandboxOptions { Leads = 300, Activities = 3000, Tasks = 300 });
        using var stop = new CancellationTokenSource();
        using var readersRunning = new CountdownEvent(3);
        var writer = Task.Run(() =>
        {
            // Start writing only once every reader is inside the organization, so they truly overlap.
            Assert.True(readersRunning.Wait(TimeSpan.FromSeconds(30)));
            var rng = new Random(3);
            var n = 0;
            for (; n < 3000; n++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(rng.Next(0, 2)));
                org.RandomChange(rng);
                if (n % 100 == 0 && org.Events().FirstOrDefault() is { } e) org.ConsolidateEvent(e.Id);
            }
            stop.Cancel();
            return n;
        });
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(() =>
        {
            var reads = 0L;
            var first = true;
            while (first || !stop.IsCancellationRequested)
            {
                if (first) readersRunning.Signal();
                first = false;
                foreach (var lead in org.Leads().Take(40)) { lead.Render(); reads++; }
                foreach (var a in org.Activities(ModelFixture.Start.AddDays(-3), null)) { if (reads++ % 50 == 0) a.Render(); }
                foreach (var e in org.Events().Take(200)) { e.Render(); reads++; }
                foreach (var t in org.Tasks()) { if (reads++ % 50 == 0) t.Render(); }
                reads += org.Contacts().Count() + org.Opportunities().Count() + org.Count(SandboxResource.Event);
                if (org.Leads().FirstOrDefault() is { } l) reads += org.Contacts(l.Id).Count() + org.Activities(null, null, l.Id).Count();
            }
            return reads;
        })).ToArray();
        Assert.Equal(3000, await writer);
        var totals = await Task.WhenAll(readers);
        Assert.All(totals, t => Assert.True(t > 0));
        // After the storm, the reads still agree with the counts.
        Assert.Equal(org.Count(SandboxResource.Lead), org.Leads().Count());
        Assert.Equal(org.Count(SandboxResource.Activity), org.Activities(null, null).Count());
        var events = org.Events().ToList();
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }
}
