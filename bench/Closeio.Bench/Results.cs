using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Closeio.Bench;

/// <summary>Writes a scenario's figures to bench/results/&lt;scenario&gt;.json (or --out), with the machine they came from.</summary>
internal static class Results
{
    public static JsonObject Machine() => new()
    {
        ["date_utc"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["processors"] = Environment.ProcessorCount,
        ["memory_gib"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0, 1),
        ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
        // Set by whoever runs the bench from a snapshot (bench/README.md): which commit was measured.
        ["source"] = Environment.GetEnvironmentVariable("CLOSEIO_BENCH_SOURCE"),
#if DEBUG
        ["configuration"] = "Debug",
#else
        ["configuration"] = "Release",
#endif
    };

    public static JsonObject Sync(SyncResult r)
    {
        var streams = new JsonObject();
        foreach (var (name, t) in r.Streams)
        {
            var s = r.Summary(name);
            streams[name] = new JsonObject
            {
                ["records"] = t.Records,
                ["span_seconds"] = Math.Round(t.SpanSeconds, 3),
                ["requests"] = s?.Requests,
                ["retries"] = s?.Retries,
                ["rate_limited"] = s?.RateLimited,
                ["errors"] = s?.Errors,
                ["outcome"] = s?.Outcome,
            };
        }

        var server = new JsonArray();
        foreach (var c in r.ServerCounts) server.Add(new JsonObject { ["group"] = c.Group, ["status"] = c.Status, ["answers"] = c.Requests });
        return new JsonObject
        {
            ["seconds"] = Math.Round(r.Elapsed.TotalSeconds, 3),
            ["cpu_seconds"] = Math.Round(r.Cpu.TotalSeconds, 3),
            ["records"] = r.Records,
            ["records_per_second"] = r.Elapsed.TotalSeconds > 0 ? Math.Round(r.Records / r.Elapsed.TotalSeconds) : null,
            ["streams"] = streams,
            ["server_answers"] = server,
            ["server_requests"] = r.ServerRequests,
            ["errors"] = new JsonArray(r.Errors.Select(e => (JsonNode?)e).ToArray()),
            ["warnings"] = r.Warnings.Count,
        };
    }

    public static void Write(Options options, string scenario, JsonObject body)
    {
        if (options.Has("no-json")) return;
        body["scenario"] = scenario;
        body["machine"] = Machine();
        body["arguments"] = string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        var path = options.Has("out") ? options.String("out", "") : DefaultPath(scenario);
        if (path is null or "") return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, body.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
        Console.WriteLine($"wrote {path}");
    }

    /// <summary>bench/results/&lt;scenario&gt;.json of the checkout the current directory is in, if any.</summary>
    private static string? DefaultPath(string scenario)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloseioPS.sln")))
                return Path.Combine(dir.FullName, "bench", "results", scenario + ".json");
        }

        return null;
    }
}
