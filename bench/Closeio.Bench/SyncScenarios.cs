using System.Text.Json.Nodes;
using Closeio.Core.Http;
using Closeio.Core.Sync;
using Closeio.Sandbox;
using Closeio.Testing;

namespace Closeio.Bench;

/// <summary>The scenarios that drive SyncSession over all six streams.</summary>
internal static class SyncScenarios
{
    /// <summary>A full sync of a mid-size organization; every record is accepted and checked against the organization.</summary>
    public static int Full(Options o)
    {
        using var sandbox = Create(o, 20_000, 200_000);
        var (r, complete, json) = FullRun(o, sandbox, "full sync");
        Results.Write(o, "sync-full", json);
        return complete ? 0 : 1;
    }

    private static (SyncResult Result, bool Complete, JsonObject Json) FullRun(Options o, SandboxHarness sandbox, string title)
    {
        Memory.TryResetPeak();
        var r = SyncRunner.Run(sandbox, SyncRunner.Request(SyncRunner.AllStreams, o.Int("concurrency", 2)), collectIds: true);
        var peak = Memory.PeakWorkingSet();
        var heap = Memory.HeapAfterFullCollection();
        Console.WriteLine($"== {title}: {r.Elapsed.TotalSeconds:N2} s ({r.Cpu.TotalSeconds:N2} s CPU), {r.Records:N0} records, {r.Records / r.Elapsed.TotalSeconds:N0} records/s, " +
                          $"{r.ServerRequests:N0} requests, peak WS {Memory.Mib(peak)}, GC heap after full GC {Memory.Mib(heap)}");
        SyncRunner.StreamTable(r).Print();
        var (complete, completeness) = Completeness(sandbox.Organization, r);
        completeness.Print();
        PrintErrors(r);
        var json = Results.Sync(r);
        json["generation_seconds"] = Math.Round(sandbox.Generation.TotalSeconds, 3);
        json["peak_working_set_bytes"] = peak;
        json["heap_after_full_gc_bytes"] = heap;
        json["every_record_returned"] = complete;
        json["sizes"] = Sizes(sandbox.Organization);
        return (r, complete, json);
    }

    /// <summary>After a full sync: a run with no changes, then N random changes and a run that should return just them.</summary>
    public static int Incremental(Options o)
    {
        using var sandbox = Create(o, 20_000, 200_000);
        var changes = o.Int("changes", 1_000);
        var concurrency = o.Int("concurrency", 2);
        var (_, fullComplete, fullJson) = FullRun(o, sandbox, "full sync (baseline)");

        sandbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var quiet = SyncRunner.Run(sandbox, SyncRunner.Request(SyncRunner.AllStreams, concurrency));
        Console.WriteLine($"== run without changes: {quiet.Elapsed.TotalSeconds:N3} s ({quiet.Cpu.TotalSeconds:N2} s CPU), {quiet.Records:N0} records, {quiet.ServerRequests:N0} requests");
        SyncRunner.ServerTable(quiet).Print();

        sandbox.Clock.Advance(TimeSpan.FromMinutes(1));
        var rng = new Random(o.Int("change-seed", 7));
        var made = new List<SandboxChange>(changes);
        for (var i = 0; i < changes; i++)
        {
            made.Add(sandbox.Organization.RandomChange(rng));
            sandbox.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        sandbox.Clock.Advance(TimeSpan.FromMinutes(1));
        // Activities are re-read from (bookmark - look-back); Close has no date_updated filter on them,
        // so an edit of an older activity cannot be seen by design.
        var activityReach = sandbox.Store.Load().Bookmarks.TryGetValue("activities", out var ab) && ab.Value is { } av
            ? av - sandbox.Store.Load().Settings.LookBack
            : DateTimeOffset.MinValue;
        var r = SyncRunner.Run(sandbox, SyncRunner.Request(SyncRunner.AllStreams, concurrency), collectIds: true);
        Console.WriteLine($"== incremental run after {changes:N0} random changes: {r.Elapsed.TotalSeconds:N3} s ({r.Cpu.TotalSeconds:N2} s CPU), {r.Records:N0} records, {r.ServerRequests:N0} requests");
        SyncRunner.StreamTable(r).Print();
        SyncRunner.ServerTable(r).Print();

        var byKind = new Table("resource", "action", "changes");
        foreach (var g in made.GroupBy(c => (c.Resource, c.Action)).OrderBy(g => g.Key.Resource).ThenBy(g => g.Key.Action))
            byKind.Add(g.Key.Resource.ToString(), g.Key.Action, (long)g.Count());
        byKind.Print();

        // Each created or updated object of a streamed kind should come back in its stream (activity edits
        // only within the look-back: Close has no date_updated filter on activities).
        var coverage = new Table("stream", "changed ids (live)", "returned", "not returned", "records returned", "edits before look-back");
        var allCovered = true;
        var coverageJson = new JsonObject();
        foreach (var stream in new[] { "leads", "tasks", "activities", "users", "custom_fields" })
        {
            var live = SandboxContents.Items(sandbox.Organization, stream).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var changed = made.Where(c => Stream(c.Resource) == stream && c.Action is "created" or "updated" && live.Contains(c.Id))
                .Select(c => c.Id).Distinct().ToList();
            var outOfReach = 0;
            if (stream == "activities")
            {
                outOfReach = changed.Count(id => sandbox.Organization.Find(SandboxResource.Activity, id)!.DateCreated < activityReach);
                changed = changed.Where(id => sandbox.Organization.Find(SandboxResource.Activity, id)!.DateCreated >= activityReach).ToList();
            }

            var ids = r.Streams[stream].Ids!;
            var returned = changed.Count(ids.Contains);
            coverage.Add(stream, (long)changed.Count, (long)returned, (long)(changed.Count - returned), r.Streams[stream].Records,
                stream == "activities" ? (long)outOfReach : null);
            coverageJson[stream] = new JsonObject
            {
                ["changed_live_ids"] = changed.Count, ["returned"] = returned, ["records_returned"] = r.Streams[stream].Records,
            };
            if (stream == "activities") coverageJson[stream]!["edits_before_look_back"] = outOfReach;
            allCovered &= returned == changed.Count;
        }

        coverage.Add("event_log", (long)changes, null, null, r.Streams["event_log"].Records);
        coverage.Print();
        Console.WriteLine($"every reachable change came back: {(allCovered ? "yes" : "NO")} (activity edits before the look-back are out of reach by design)");
        PrintErrors(r);

        var json = new JsonObject
        {
            ["full"] = fullJson,
            ["full_complete"] = fullComplete,
            ["no_change_run"] = Results.Sync(quiet),
            ["changes"] = changes,
            ["changes_by_kind"] = new JsonArray(made.GroupBy(c => $"{c.Resource} {c.Action}").OrderBy(g => g.Key)
                .Select(g => (JsonNode?)new JsonObject { ["kind"] = g.Key, ["count"] = g.Count() }).ToArray()),
            ["incremental_run"] = Results.Sync(r),
            ["coverage"] = coverageJson,
            ["every_reachable_change_returned"] = allCovered,
        };
        Results.Write(o, "sync-incremental", json);
        return r.Errors.Count == 0 && allCovered ? 0 : 1;
    }

    /// <summary>A full sync against a rate-limited Sandbox that also answers 5xx and drops connections.</summary>
    public static int RateLimited(Options o)
    {
        var faultRate = o.Double("fault-rate", 0.05);
        var perWindow = o.Int("per-window", 20);
        var api = new SandboxApiOptions
        {
            RateLimit = new RateLimitOptions { RequestsPerWindow = perWindow, Window = TimeSpan.FromSeconds(1) },
            HintStyle = Enum.Parse<RateLimitHintStyle>(o.String("hints", nameof(RateLimitHintStyle.Rotate)), ignoreCase: true),
        };
        using var sandbox = Create(o, 5_000, 50_000, api);
        // Faults start after Connect (GET me/ must succeed to build the connection at all).
        var faults = new[]
        {
            (SandboxFault.InternalServerError, 0.3), (SandboxFault.BadGateway, 0.15), (SandboxFault.ServiceUnavailable, 0.15),
            (SandboxFault.GatewayTimeout, 0.1), (SandboxFault.DroppedConnection, 0.3),
        };
        foreach (var (fault, share) in faults) sandbox.Api.Faults.SetProbability(fault, faultRate * share);
        sandbox.Api.Faults.Reseed(o.Int("fault-seed", 3));

        var clockBefore = sandbox.Clock.GetUtcNow();
        var r = SyncRunner.Run(sandbox, SyncRunner.Request(SyncRunner.AllStreams, o.Int("concurrency", 2)), collectIds: true);
        var simulated = sandbox.Clock.GetUtcNow() - clockBefore;
        Console.WriteLine($"== rate-limited sync ({perWindow}/s per group, hints {api.HintStyle}, fault rate {faultRate:P1}): " +
                          $"{r.Elapsed.TotalSeconds:N2} s real ({r.Cpu.TotalSeconds:N2} s CPU), {simulated.TotalSeconds:N0} s on the Sandbox clock (waits cost no real time)");
        SyncRunner.StreamTable(r).Print();
        var statusTable = new Table("answers", "count");
        statusTable.Add("all", r.ServerRequests).Add("200", r.ServerStatus(200)).Add("429", r.ServerStatus(429))
            .Add("500", r.ServerStatus(500)).Add("502", r.ServerStatus(502)).Add("503", r.ServerStatus(503))
            .Add("504", r.ServerStatus(504)).Add("dropped", r.ServerStatus(0)).Add("400", r.ServerStatus(400));
        statusTable.Print();
        var (complete, completeness) = Completeness(sandbox.Organization, r);
        completeness.Print();
        PrintErrors(r);
        Console.WriteLine($"every record came back: {(complete && r.Errors.Count == 0 ? "yes" : "NO")}");

        var json = Results.Sync(r);
        json["per_window"] = perWindow;
        json["hint_style"] = api.HintStyle.ToString();
        json["fault_rate"] = faultRate;
        json["sandbox_clock_seconds"] = Math.Round(simulated.TotalSeconds, 1);
        json["answers_429"] = r.ServerStatus(429);
        json["answers_5xx"] = r.ServerStatus(500) + r.ServerStatus(502) + r.ServerStatus(503) + r.ServerStatus(504);
        json["answers_dropped"] = r.ServerStatus(0);
        json["every_record_returned"] = complete && r.Errors.Count == 0;
        json["sizes"] = Sizes(sandbox.Organization);
        Results.Write(o, "rate-limited", json);
        return complete && r.Errors.Count == 0 ? 0 : 1;
    }

    /// <summary>A Sandbox whose skip-paged endpoints refuse _skip above 1,000: the engine must split windows instead.</summary>
    public static int MaxSkip(Options o)
    {
        var maxSkip = o.Int("max-skip", 1_000);
        var api = new SandboxApiOptions { MaxSkip = maxSkip };
        var skips = new SkipWatch();
        using var sandbox = Create(o, 10_000, 100_000, api, skips.Note);

        // Show the limit is real: one request just past it must be refused.
        string probe;
        try
        {
            using var _ = sandbox.Connection.Client.SendAsync(new CloseRequest(HttpMethod.Get, "activity/")
            {
                Query = [new("_skip", (maxSkip + 1).ToString()), new("_limit", "1")],
            }, CancellationToken.None).GetAwaiter().GetResult();
            probe = "accepted (limit not in force!)";
        }
        catch (CloseApiException e)
        {
            probe = $"{e.StatusCode} {e.Kind}";
        }

        Console.WriteLine($"probe GET activity/?_skip={maxSkip + 1}: {probe}");
        skips.Reset();
        var streams = o.String("streams", string.Join(',', SyncRunner.AllStreams)).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var r = SyncRunner.Run(sandbox, SyncRunner.Request(streams, o.Int("concurrency", 2)), collectIds: true);
        Console.WriteLine($"== sync with max_skip={maxSkip:N0}: {r.Elapsed.TotalSeconds:N2} s ({r.Cpu.TotalSeconds:N2} s CPU), {r.Records:N0} records, {r.ServerRequests:N0} requests, " +
                          $"{r.ServerStatus(400):N0} answers of 400, largest _skip sent {skips.Largest:N0}");
        SyncRunner.StreamTable(r).Print();
        SyncRunner.ServerTable(r).Print();
        var (complete, completeness) = Completeness(sandbox.Organization, r);
        completeness.Print();
        PrintErrors(r);

        var json = Results.Sync(r);
        json["max_skip"] = maxSkip;
        json["probe_past_max_skip"] = probe;
        json["answers_400"] = r.ServerStatus(400);
        json["largest_skip_sent"] = skips.Largest;
        json["history_days"] = o.Int("history-days", 365);
        json["every_record_returned"] = complete;
        json["sizes"] = Sizes(sandbox.Organization);
        Results.Write(o, "max-skip", json);
        return r.ServerStatus(400) == 0 && complete ? 0 : 1;
    }

    private static SandboxHarness Create(Options o, int leads, int activities, SandboxApiOptions? api = null, Action<RequestLogEntry>? log = null)
    {
        leads = o.Int("leads", leads);
        activities = o.Int("activities", activities);
        var sandbox = SandboxHarness.Create(Sizes(o, leads, activities), api, maxRetries: o.Int("max-retries", 6), log: log);
        Console.WriteLine($"generated {leads:N0} leads, {activities:N0} activities in {sandbox.Generation.TotalSeconds:N2} s");
        return sandbox;
    }

    /// <summary>Sizes as <see cref="SandboxApi.Create"/> picks them, seed and history from the options.</summary>
    internal static SandboxOptions Sizes(Options o, int leads, int activities) =>
        SandboxHarness.Sizes(o.Int("seed", 1), leads, activities, o.Int("history-days", 365));

    /// <summary>
    /// Per stream: what the organization holds now against what came back. A record whose key is at or
    /// after the run's upper bound (the server's Date when the run began, in whole seconds; the bound is
    /// exclusive) is not missing: it belongs to the next run, and is counted apart.
    /// </summary>
    private static (bool Complete, Table Table) Completeness(SandboxOrganization org, SyncResult r)
    {
        var table = new Table("stream", "in organization", "returned", "missing", "next run", "extra", "repeated");
        var notes = new List<string>();
        var bound = new DateTimeOffset(r.ClockAtStart.UtcTicks - r.ClockAtStart.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var complete = true;
        foreach (var (stream, t) in r.Streams)
        {
            if (t.Ids is null) continue;
            var expected = SandboxContents.Items(org, stream).ToDictionary(i => i.Id, StringComparer.Ordinal);
            var absent = expected.Values.Where(i => !t.Ids.Contains(i.Id)).ToList();
            var nextRun = absent.Count(i => SandboxContents.Key(stream, i) >= bound);
            var missing = absent.Count - nextRun;
            var extra = t.Ids.Count(id => !expected.ContainsKey(id));
            table.Add(stream, (long)expected.Count, t.Records, (long)missing, (long)nextRun, (long)extra, t.Duplicates);
            // Name a few, with their keys, so a boundary case can be told from a lost record.
            foreach (var i in absent.Take(3))
            {
                notes.Add($"not returned: {stream} {i.Id}, created {i.DateCreated:O}, updated {i.DateUpdated:O}; " +
                          $"run upper bound {bound:O} ({(SandboxContents.Key(stream, i) >= bound ? "next run" : "MISSING")})");
            }

            // The event log's 30-day edge moves with the clock (rate-limit waits advance it), so an
            // "extra" event there is one that aged out after it was read, not an error.
            complete &= missing == 0 && (extra == 0 || stream == "event_log");
        }

        foreach (var n in notes) Console.WriteLine(n);
        return (complete, table);
    }

    private static JsonObject Sizes(SandboxOrganization org) => new()
    {
        ["leads"] = org.Count(SandboxResource.Lead),
        ["activities"] = org.Count(SandboxResource.Activity),
        ["tasks"] = org.Count(SandboxResource.Task),
        ["users"] = org.Count(SandboxResource.User),
        ["custom_fields"] = org.Count(SandboxResource.CustomField),
        ["events"] = org.Count(SandboxResource.Event),
    };

    private static string? Stream(SandboxResource resource) => resource switch
    {
        SandboxResource.Lead => "leads",
        SandboxResource.Task => "tasks",
        SandboxResource.Activity => "activities",
        SandboxResource.User => "users",
        SandboxResource.CustomField => "custom_fields",
        _ => null,
    };

    private static void PrintErrors(SyncResult r)
    {
        foreach (var e in r.Errors) Console.WriteLine("error: " + e);
        if (r.Warnings.Count > 0) Console.WriteLine($"{r.Warnings.Count} warnings, first: {r.Warnings[0]}");
    }
}
