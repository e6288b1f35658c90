using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Closeio.Core.Http;
using Closeio.Sandbox;
using Closeio.Testing;

namespace Closeio.Bench;

/// <summary>
/// Generates a large organization, then pages through all of its activities in-process over HTTP:
/// "raw" (CloseClient, GET activity/ in date_created windows, _skip/_limit=100) and/or "sync" (the
/// activities stream of SyncSession, which also shapes every record and keeps bookmarks).
/// </summary>
internal static class GenerateAndPage
{
    public static int Run(Options o)
    {
        var leads = o.Int("leads", 100_000);
        var activities = o.Int("activities", 1_000_000);
        var mode = o.String("mode", "both");
        var windowDays = o.Double("window-days", 1);

        Memory.TryResetPeak();
        var heapBefore = Memory.HeapAfterFullCollection();
        Console.WriteLine($"generating {leads:N0} leads, {activities:N0} activities ...");
        var cpu0 = Memory.Cpu();
        using var sandbox = SandboxHarness.Create(SyncScenarios.Sizes(o, leads, activities));
        var genCpu = Memory.Cpu() - cpu0;
        var genPeak = Memory.PeakWorkingSet();
        var genHeap = Memory.HeapAfterFullCollection();
        var org = sandbox.Organization;
        var expected = org.Count(SandboxResource.Activity);
        var table = new Table("phase", "seconds", "CPU s", "records", "records/s", "requests", "peak WS", "GC heap after full GC");
        table.Add("generate", sandbox.Generation.TotalSeconds, genCpu.TotalSeconds, (long)expected, expected / sandbox.Generation.TotalSeconds, null,
            Memory.Mib(genPeak), Memory.Mib(genHeap));
        var json = new JsonObject
        {
            ["leads"] = leads,
            ["activities"] = activities,
            ["heap_before_bytes"] = heapBefore,
            ["generate"] = new JsonObject
            {
                ["seconds"] = Math.Round(sandbox.Generation.TotalSeconds, 3),
                ["cpu_seconds_incl_connect"] = Math.Round(genCpu.TotalSeconds, 3),
                ["peak_working_set_bytes"] = genPeak,
                ["heap_after_full_gc_bytes"] = genHeap,
                ["objects"] = new JsonObject
                {
                    ["leads"] = org.Count(SandboxResource.Lead),
                    ["contacts"] = org.Count(SandboxResource.Contact),
                    ["opportunities"] = org.Count(SandboxResource.Opportunity),
                    ["tasks"] = org.Count(SandboxResource.Task),
                    ["activities"] = expected,
                    ["events"] = org.Count(SandboxResource.Event),
                },
            },
        };
        var ok = true;

        if (mode is "both" or "raw")
        {
            Memory.TryResetPeak();
            var cpuRaw = Memory.Cpu();
            var (seconds, records, requests, windows) = PageRaw(sandbox, TimeSpan.FromDays(windowDays));
            var rawCpu = (Memory.Cpu() - cpuRaw).TotalSeconds;
            var peak = Memory.PeakWorkingSet();
            var heap = Memory.HeapAfterFullCollection();
            table.Add($"page raw ({windows:N0} windows)", seconds, rawCpu, records, records / seconds, requests, Memory.Mib(peak), Memory.Mib(heap));
            json["page_raw"] = new JsonObject
            {
                ["seconds"] = Math.Round(seconds, 3), ["cpu_seconds"] = Math.Round(rawCpu, 3), ["records"] = records, ["records_per_second"] = Math.Round(records / seconds),
                ["requests"] = requests, ["windows"] = windows, ["window_days"] = windowDays,
                ["peak_working_set_bytes"] = peak, ["heap_after_full_gc_bytes"] = heap,
            };
            ok &= records == expected;
        }

        if (mode is "both" or "sync")
        {
            Memory.TryResetPeak();
            var r = SyncRunner.Run(sandbox, SyncRunner.Request(["activities"], concurrency: 1, saveBookmarks: false));
            var peak = Memory.PeakWorkingSet();
            var heap = Memory.HeapAfterFullCollection();
            var seconds = r.Elapsed.TotalSeconds;
            table.Add("page sync (activities stream)", seconds, r.Cpu.TotalSeconds, r.Records, r.Records / seconds, r.ServerRequests, Memory.Mib(peak), Memory.Mib(heap));
            var sync = Results.Sync(r);
            sync["peak_working_set_bytes"] = peak;
            sync["heap_after_full_gc_bytes"] = heap;
            json["page_sync"] = sync;
            ok &= r.Records == expected && r.Errors.Count == 0;
            foreach (var e in r.Errors) Console.WriteLine("error: " + e);
        }

        table.Print();
        Console.WriteLine($"activities in the organization: {expected:N0}; every one paged: {(ok ? "yes" : "NO")}");
        json["all_records_paged"] = ok;
        Results.Write(o, "generate-and-page", json);
        return ok ? 0 : 1;
    }

    /// <summary>GET activity/ window by window (newest first inside a window), _skip until has_more is false.</summary>
    private static (double Seconds, long Records, long Requests, int Windows) PageRaw(SandboxHarness sandbox, TimeSpan window)
    {
        var client = sandbox.Connection.Client;
        var counters = new RequestCounters();
        var org = sandbox.Organization;
        var end = sandbox.Clock.GetUtcNow().AddMinutes(1);
        var start = SandboxApi.DefaultStart.AddDays(-(org.Options.HistoryDays + 2));
        long records = 0;
        var windows = 0;
        var watch = Stopwatch.StartNew();
        for (var from = start; from < end; from += window)
        {
            windows++;
            var to = from + window < end ? from + window : end;
            for (var skip = 0; ; skip += 100)
            {
                var request = new CloseRequest(HttpMethod.Get, "activity/")
                {
                    Query =
                    [
                        new("date_created__gte", Iso(from)),
                        new("date_created__lt", Iso(to)),
                        new("_skip", skip.ToString(CultureInfo.InvariantCulture)),
                        new("_limit", "100"),
                    ],
                    Counters = counters,
                };
                using var doc = client.SendAsync(request, CancellationToken.None).GetAwaiter().GetResult();
                var data = doc.RootElement.GetProperty("data");
                records += data.GetArrayLength();
                if (!doc.RootElement.GetProperty("has_more").GetBoolean()) break;
            }
        }

        return (watch.Elapsed.TotalSeconds, records, counters.Requests, windows);
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff+00:00", CultureInfo.InvariantCulture);
}
