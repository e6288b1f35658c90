using System.Diagnostics;

namespace Closeio.Core.Tests.Sync;

/// <summary>
/// A real process (tests/Closeio.KillTarget) syncing to files against the loopback Sandbox is killed with
/// SIGKILL at random moments, again and again. After every kill the profile must be readable; after a
/// resume the files must hold every record of the seeded organization exactly once. The short loop runs
/// by default; set CLOSEIO_KILL_LOOP to a number of kills for a long one. The seed is printed (and can be
/// fixed with CLOSEIO_KILL_SEED) so a failure can be replayed.
/// </summary>
public sealed class KillLoopTests(ITestOutputHelper output)
{
    private static readonly string[] Streams = ["leads", "tasks", "users", "custom_fields"];
    private const int DefaultKills = 10;

    [Fact]
    public async Task A_process_killed_at_random_moments_leaves_a_readable_profile_and_a_resume_writes_every_record_once()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("CLOSEIO_KILL_LOOP"), out var k) && k > 0 ? k : DefaultKills;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CLOSEIO_KILL_SEED"), out var s) ? s : Environment.TickCount;
        output.WriteLine($"kill loop: {kills} kills, seed {seed} (CLOSEIO_KILL_SEED={seed} replays it)");
        var random = new Random(seed);

        var api = SandboxApi.Create(seed: 7, leads: 60, activities: 50);
        await using var listener = await api.StartListenerAsync();
        var root = Path.Combine(Path.GetTempPath(), "closeio-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            // How many requests one whole run makes: the kills are spread over that range.
            var calibration = Path.Combine(root, "calibration");
            var before = api.Counters.Count();
            await ResumeAsync(listener.BaseUri, api.Options.ApiKey, calibration, RecordFileFormat.Csv);
            var requestsPerRun = (int)(api.Counters.Count() - before);
            AssertEachOnce(api, calibration, RecordFileFormat.Csv, "calibration");

            int tried = 0, midRun = 0, iteration = 0;
            while (tried < kills)
            {
                iteration++;
                var format = iteration % 2 == 0 ? RecordFileFormat.JsonLines : RecordFileFormat.Csv;
                var dir = Path.Combine(root, $"run{iteration}");
                // One to three kills in a row, each run resuming what the killed one left.
                var inARow = Math.Min(random.Next(1, 4), kills - tried);
                for (var i = 0; i < inARow; i++)
                {
                    var at = random.Next(1, requestsPerRun + 1);
                    if (KillAt(listener.BaseUri, api, dir, format, at, random.Next(0, 15))) midRun++;
                    tried++;
                    // Whatever the moment, the profile is whole: it parses, or it was never written yet.
                    var profile = ProfileStore.ForPath(ProfileOf(dir)).Load();
                    Assert.NotNull(profile);
                }

                await ResumeAsync(listener.BaseUri, api.Options.ApiKey, dir, format);
                AssertEachOnce(api, dir, format, $"seed {seed}, iteration {iteration}");
            }

            output.WriteLine($"kills tried: {tried}; landed while the run was going: {midRun}; requests per whole run: {requestsPerRun}");
            // The loop proves nothing if every process had finished before it was killed.
            Assert.True(midRun * 2 >= tried, $"only {midRun} of {tried} kills landed mid-run (seed {seed})");
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string ProfileOf(string dir) => Path.Combine(dir, "profile.json");

    private static string OutOf(string dir) => Path.Combine(dir, "out");

    /// <summary>Starts the target and SIGKILLs it once the Sandbox has answered <paramref name="afterRequests"/> more
    /// requests (plus a few milliseconds); true when it was still running.</summary>
    private static bool KillAt(Uri baseUri, SandboxApi api, string dir, RecordFileFormat format, int afterRequests, int extraMs)
    {
        var start = api.Counters.Count();
        using var child = Process.Start(Target(baseUri, api.Options.ApiKey, dir, format))!;
        var stderr = child.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();   // only a safety net against a hung child, never asserted
        while (!child.HasExited && api.Counters.Count() - start < afterRequests && waited.Elapsed < TimeSpan.FromSeconds(30))
            Thread.Sleep(1);
        if (extraMs > 0 && !child.HasExited) Thread.Sleep(extraMs);
        var running = !child.HasExited;
        if (running) child.Kill();   // SIGKILL on Unix: no finally, no Dispose, no flush
        child.WaitForExit();
        if (!running) Assert.True(child.ExitCode == 0, $"the target failed: {stderr.Result}");
        return running;
    }

    private static ProcessStartInfo Target(Uri baseUri, string key, string dir, RecordFileFormat format)
    {
        // tests/Closeio.Core.Tests/bin/<config>/<tfm>/ -> tests/Closeio.KillTarget/bin/<config>/<tfm>/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var config = here.Parent!.Name;
        var tests = here.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(tests, "Closeio.KillTarget", "bin", config, tfm, "Closeio.KillTarget.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build tests/Closeio.KillTarget");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { dll, baseUri.ToString(), ProfileOf(dir), OutOf(dir), format == RecordFileFormat.Csv ? "csv" : "jsonl", string.Join(',', Streams) })
            info.ArgumentList.Add(arg);
        info.Environment["CLOSEIO_KILLTARGET_KEY"] = key;
        return info;
    }

    /// <summary>The resume: the same sync, in this process, run to the end.</summary>
    private static async Task ResumeAsync(Uri baseUri, string key, string dir, RecordFileFormat format)
    {
        using var connection = await CloseConnection.ConnectAsync(new CloseConnectionOptions { BaseUri = baseUri, ApiKey = key }, CancellationToken.None);
        var request = new SyncRequest
        {
            Streams = Streams,
            StartDate = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            OutputDirectory = OutOf(dir),
            Format = format,
            Tuning = new SyncTuning { CheckpointEveryRecords = 5, PageSizes = Streams.ToDictionary(s => s, _ => 10) },
        };
        using var session = SyncSession.Start(connection, ProfileStore.ForPath(ProfileOf(dir)), request, CancellationToken.None);
        var errors = session.Events().OfType<ErrorEvent>().Select(e => $"{e.Stream}: {e.Error.Message}").ToList();
        session.Complete();
        Assert.Empty(errors);
    }

    private static void AssertEachOnce(SandboxApi api, string dir, RecordFileFormat format, string where)
    {
        foreach (var stream in Streams)
        {
            var path = Path.Combine(OutOf(dir), stream + (format == RecordFileFormat.Csv ? ".csv" : ".jsonl"));
            var ids = IdsIn(path, format);
            var expected = FullSyncTests.Expected(api.Organization, stream).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
            var twice = ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"{where}: {stream} holds {string.Join(", ", twice.Take(5))} more than once");
            Assert.Equal(expected, ids.Order(StringComparer.Ordinal).ToList());
        }
    }

    private static List<string> IdsIn(string path, RecordFileFormat format)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        if (format == RecordFileFormat.JsonLines)
        {
            Assert.True(text.Length == 0 || text.EndsWith('\n'), $"{path} ends in a torn line");
            return text.Split('\n')[..^1].Select(line =>
            {
                using var doc = JsonDocument.Parse(line);
                return doc.RootElement.GetProperty("id").GetString()!;
            }).ToList();
        }

        var rows = FileCheckpointTests.Rfc4180.Parse(text);
        var id = rows[0].IndexOf("id");
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        Assert.DoesNotContain(rows.Skip(1), r => r.SequenceEqual(rows[0]));
        return rows.Skip(1).Select(r => r[id]).ToList();
    }
}
