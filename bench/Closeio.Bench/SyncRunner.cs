using System.Diagnostics;
using Closeio.Core.State;
using Closeio.Core.Sync;
using Closeio.Sandbox;
using Closeio.Testing;

namespace Closeio.Bench;

/// <summary>What one stream did in a driven sync, seen from the consumer.</summary>
internal sealed class StreamTally
{
    public long Records;
    /// <summary>Real time (since the session started) of this stream's first and last event.</summary>
    public double FirstMs = -1, LastMs;
    public HashSet<string>? Ids;
    public long Duplicates;
    public double SpanSeconds => FirstMs < 0 ? 0 : (LastMs - FirstMs) / 1000.0;
}

/// <summary>The result of one driven sync.</summary>
internal sealed class SyncResult
{
    public Dictionary<string, StreamTally> Streams { get; } = new(StringComparer.Ordinal);
    public IReadOnlyList<StreamRunSummary> Summaries { get; set; } = [];
    public TimeSpan Elapsed { get; set; }
    /// <summary>The Sandbox clock when the run started: the run's upper bound (from the Date header, whole seconds) is not later.</summary>
    public DateTimeOffset ClockAtStart { get; set; }
    /// <summary>CPU time of the whole process during the run (Sandbox and engine together, all threads).</summary>
    public TimeSpan Cpu { get; set; }
    public long LogEvents { get; set; }
    public List<string> Warnings { get; } = [];
    public List<string> Errors { get; } = [];
    /// <summary>Answers the Sandbox gave during the run, by endpoint group and status (0 = dropped connection).</summary>
    public IReadOnlyList<SandboxCount> ServerCounts { get; set; } = [];
    public long Records => Streams.Values.Sum(s => s.Records);
    public long ServerRequests => ServerCounts.Sum(c => c.Requests);
    public long ServerStatus(int status) => ServerCounts.Where(c => c.Status == status).Sum(c => c.Requests);
    public StreamRunSummary? Summary(string stream) => Summaries.FirstOrDefault(s => s.Stream == stream);
}

/// <summary>Plays the cmdlet: takes every event on this thread and accepts each record at once.</summary>
internal static class SyncRunner
{
    public static readonly string[] AllStreams = ["leads", "activities", "tasks", "users", "custom_fields", "event_log"];

    /// <summary>A request from the distant past, so every generated record counts.</summary>
    public static SyncRequest Request(IReadOnlyList<string> streams, int concurrency, bool saveBookmarks = true,
        SyncTuning? tuning = null) => new()
    {
        Streams = streams,
        StartDate = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Concurrency = concurrency,
        SaveBookmarks = saveBookmarks,
        Tuning = tuning ?? new SyncTuning(),
    };

    public static SyncResult Run(SandboxHarness sandbox, SyncRequest request, bool collectIds = false)
    {
        var result = new SyncResult();
        foreach (var s in request.Streams) result.Streams[s] = new StreamTally { Ids = collectIds ? new HashSet<string>(StringComparer.Ordinal) : null };
        sandbox.Api.Counters.Reset();
        result.ClockAtStart = sandbox.Clock.GetUtcNow();
        var cpu = Memory.Cpu();
        var watch = Stopwatch.StartNew();
        using (var session = SyncSession.Start(sandbox.Connection, sandbox.Store, request, CancellationToken.None))
        {
            foreach (var e in session.Events())
            {
                switch (e)
                {
                    case RecordEvent r:
                    {
                        var t = Tally(result, r.Record.Stream, watch);
                        t.Records++;
                        if (t.Ids is not null && !t.Ids.Add(r.Record.Id)) t.Duplicates++;
                        session.Accept(r.Record);
                        break;
                    }
                    case ProgressEvent p:
                        Tally(result, p.Stream, watch);
                        break;
                    case LogEvent:
                        result.LogEvents++;
                        break;
                    case WarningEvent w:
                        result.Warnings.Add(w.Message);
                        break;
                    case ErrorEvent x:
                        result.Errors.Add($"{x.Stream}: {x.Error.GetType().Name}: {x.Error.Message}");
                        break;
                }
            }

            result.Summaries = session.Complete();
        }

        result.Elapsed = watch.Elapsed;
        result.Cpu = Memory.Cpu() - cpu;
        result.ServerCounts = sandbox.Api.Counters.Snapshot();
        return result;
    }

    private static StreamTally Tally(SyncResult result, string stream, Stopwatch watch)
    {
        if (!result.Streams.TryGetValue(stream, out var t)) result.Streams[stream] = t = new StreamTally();
        var now = watch.Elapsed.TotalMilliseconds;
        if (t.FirstMs < 0) t.FirstMs = now;
        t.LastMs = now;
        return t;
    }

    /// <summary>Per-stream table: records, consumer-side span, records/s, and the engine's own request counts.</summary>
    public static Table StreamTable(SyncResult r)
    {
        var table = new Table("stream", "records", "span s", "records/s", "requests", "retries", "429s", "errors", "outcome");
        foreach (var (name, t) in r.Streams)
        {
            var s = r.Summary(name);
            table.Add(name, t.Records, t.SpanSeconds, t.SpanSeconds >= 0.05 ? t.Records / t.SpanSeconds : null,
                s?.Requests, s?.Retries, s?.RateLimited, s?.Errors, s?.Outcome);
        }

        var sum = r.Summaries;
        table.Add("total", r.Records, r.Elapsed.TotalSeconds, r.Elapsed.TotalSeconds > 0 ? r.Records / r.Elapsed.TotalSeconds : null,
            sum.Sum(s => s.Requests), sum.Sum(s => s.Retries), sum.Sum(s => s.RateLimited), sum.Sum(s => s.Errors), "");
        return table;
    }

    /// <summary>Sandbox-side answers by endpoint group and status.</summary>
    public static Table ServerTable(SyncResult r)
    {
        var table = new Table("endpoint group", "status", "answers");
        foreach (var c in r.ServerCounts) table.Add(c.Group, c.Status == 0 ? "dropped" : c.Status.ToString(), c.Requests);
        table.Add("all", "", r.ServerRequests);
        return table;
    }
}
