using System.Diagnostics;
using Closeio.Core;
using Closeio.Core.Http;
using Closeio.Core.State;
using Closeio.Sandbox;

namespace Closeio.Bench;

/// <summary>
/// An in-process Close for one scenario: an auto-advancing clock (rate-limit waits and back-off cost
/// no real time), a generated organization, the emulated API, a checked connection and a profile in
/// a fresh temporary directory (removed on Dispose).
/// </summary>
internal sealed class BenchSandbox : IDisposable
{
    private BenchSandbox(SandboxClock clock, SandboxApi api, HttpMessageHandler handler, CloseConnection connection,
        string directory, TimeSpan generation, Box largestSkip)
    {
        _largestSkip = largestSkip;
        Clock = clock;
        Api = api;
        Handler = handler;
        Connection = connection;
        Directory = directory;
        Generation = generation;
        Store = ProfileStore.ForPath(Path.Combine(directory, "profile.json"));
    }

    public SandboxClock Clock { get; }
    public SandboxApi Api { get; }
    public SandboxOrganization Organization => Api.Organization;
    public HttpMessageHandler Handler { get; }
    public CloseConnection Connection { get; }
    public string Directory { get; }
    public ProfileStore Store { get; }

    /// <summary>Real time SandboxOrganization.Generate took.</summary>
    public TimeSpan Generation { get; }

    /// <summary>The largest <c>_skip</c> any request of this sandbox's connection (or a session on it) sent.</summary>
    public long LargestSkip => Interlocked.Read(ref _largestSkip.Value);

    private readonly Box _largestSkip;

    public void ResetLargestSkip() => Interlocked.Exchange(ref _largestSkip.Value, 0);

    private sealed class Box
    {
        public long Value;
    }

    public static BenchSandbox Create(SandboxOptions sizes, SandboxApiOptions? apiOptions = null, int maxRetries = 6)
    {
        var largestSkip = new Box();
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        var watch = Stopwatch.StartNew();
        var org = SandboxOrganization.Generate(sizes, clock);
        var generation = watch.Elapsed;
        var api = new SandboxApi(org, apiOptions ?? new SandboxApiOptions());
        var handler = api.CreateHandler();
        var connection = CloseConnection.ConnectAsync(new CloseConnectionOptions
        {
            BaseUri = SandboxApi.InProcessBaseUri,
            ApiKey = api.Options.ApiKey,
            Handler = handler,
            TimeProvider = clock,
            MaxRetries = maxRetries,
            Log = entry => NoteSkip(entry.Path, largestSkip),
        }, CancellationToken.None).GetAwaiter().GetResult();
        var directory = Path.Combine(Path.GetTempPath(), "closeio-bench-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new BenchSandbox(clock, api, handler, connection, directory, generation, largestSkip);
    }

    private static void NoteSkip(string path, Box largest)
    {
        var i = path.IndexOf("_skip=", StringComparison.Ordinal);
        if (i < 0) return;
        var j = i + 6;
        long skip = 0;
        while (j < path.Length && char.IsAsciiDigit(path[j])) skip = skip * 10 + (path[j++] - '0');
        long seen;
        while (skip > (seen = Interlocked.Read(ref largest.Value)) && Interlocked.CompareExchange(ref largest.Value, skip, seen) != seen)
        {
        }
    }

    /// <summary>Sizes as <see cref="SandboxApi.Create"/> picks them: 5 users, tasks twice the leads.</summary>
    public static SandboxOptions Sizes(int leads, int activities, int seed = 1, int historyDays = 365) =>
        new() { Seed = seed, Leads = leads, Activities = activities, Users = 5, Tasks = leads * 2, HistoryDays = historyDays };

    /// <summary>What the organization holds now for each stream, as the full-sync tests compute it.</summary>
    public static IEnumerable<SandboxItem> ExpectedItems(SandboxOrganization org, string stream) => stream switch
    {
        "leads" => org.Leads(),
        "activities" => org.Activities(null, null),
        "tasks" => org.Tasks(),
        "users" => org.Users(),
        "custom_fields" => new[] { "lead", "contact", "opportunity", "activity", "shared" }.SelectMany(org.CustomFields),
        "event_log" => org.Events(),
        _ => throw new ArgumentException(stream),
    };

    public static IEnumerable<string> ExpectedIds(SandboxOrganization org, string stream) => ExpectedItems(org, stream).Select(i => i.Id);

    /// <summary>The stream's replication-key value of an item: date_created for activities, else date_updated.</summary>
    public static DateTimeOffset Key(string stream, SandboxItem item) => stream == "activities" ? item.DateCreated : item.DateUpdated;

    public void Dispose()
    {
        Connection.Dispose();
        Handler.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
