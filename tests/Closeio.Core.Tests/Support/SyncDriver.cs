namespace Closeio.Core.Tests.Support;

/// <summary>What one driven sync produced.</summary>
public sealed class SyncOutcomeReport
{
    public List<Record> Records { get; } = [];
    public List<SyncEvent> Events { get; } = [];
    public IReadOnlyList<StreamRunSummary> Summaries { get; set; } = [];
    public bool Completed { get; set; }

    public IEnumerable<Record> Of(string stream) => Records.Where(r => r.Stream == stream);
    public IEnumerable<ErrorEvent> Errors => Events.OfType<ErrorEvent>();
    public IEnumerable<WarningEvent> Warnings => Events.OfType<WarningEvent>();
}

/// <summary>Plays the cmdlet: takes the events on one thread, accepts each record after "writing" it.</summary>
public static class SyncDriver
{
    /// <summary>The six streams, one theory case each.</summary>
    /// <summary>The six seed streams, whose full contents <see cref="SandboxContents"/> knows.</summary>
    public static TheoryData<string> SeedStreams { get; } = ["leads", "activities", "tasks", "users", "custom_fields", "event_log"];

    /// <summary>Both file formats, for the tests of file mode.</summary>
    public static TheoryData<RecordFileFormat> FileFormats { get; } = [RecordFileFormat.Csv, RecordFileFormat.JsonLines];

    /// <summary>Every stream of the catalog.</summary>
    public static TheoryData<string> EveryStream { get; } = new(StreamCatalog.Names);

    /// <summary>Runs a session to the end, or until <paramref name="stopAfter"/> records were accepted (then disposes it, as Select-Object -First would).</summary>
    public static SyncOutcomeReport Run(SandboxHarness h, SyncRequest request, int? stopAfter = null,
        ProfileStore? store = null) => Run(h.Connection, store ?? h.Store, request, stopAfter);

    /// <summary>The same, over any connection (e.g. to a loopback Sandbox) and profile.</summary>
    public static SyncOutcomeReport Run(CloseConnection connection, ProfileStore store, SyncRequest request, int? stopAfter = null)
    {
        var report = new SyncOutcomeReport();
        using var session = SyncSession.Start(connection, store, request, CancellationToken.None);
        foreach (var e in session.Events())
        {
            if (e is RecordEvent r)
            {
                if (stopAfter is { } k && report.Records.Count >= k) break;
                report.Records.Add(r.Record);
                session.Accept(r.Record);
                continue;
            }

            report.Events.Add(e);
        }

        if (stopAfter is null || report.Records.Count < stopAfter)
        {
            report.Summaries = session.Complete();
            report.Completed = true;
        }

        return report;
    }

    /// <summary>A request for the given streams from the distant past, so every generated record counts.</summary>
    public static SyncRequest From(params string[] streams) => new()
    {
        Streams = streams,
        StartDate = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
