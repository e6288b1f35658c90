using Closeio.Core.Tests.Sync;

namespace Closeio.Core.Tests.Sync;

/// <summary>
/// Change under sync, over the loopback Sandbox (search cursors that edits reorder and that expire,
/// event cursors, skip paging): records of every stream are created, edited, deleted and merged at
/// random points while multi-page syncs run (some cut off part way), each followed by a quiet sync.
/// Every version current at a changing run's end (so also at the quiet run's) was delivered by the
/// end of that quiet run; nothing is lost. CLOSEIO_PROOFS_LONG=1 tries many more seeds.
/// </summary>
public sealed class ChangeUnderSyncProofs(ITestOutputHelper output)
{
    private static readonly string[] AllStreams = ["leads", "activities", "tasks", "users", "custom_fields", "event_log"];

    private static int Rounds => Environment.GetEnvironmentVariable("CLOSEIO_PROOFS_LONG") == "1" ? 6 : 3;

    private static int SeedCount => Environment.GetEnvironmentVariable("CLOSEIO_PROOFS_LONG") == "1" ? 40 : 3;

    [Fact]
    public void Records_changed_while_multi_page_syncs_run_are_all_delivered()
    {
        int runs = 0, changes = 0, records = 0;
        var kinds = new Dictionary<string, int>();
        for (var seed = 1; seed <= SeedCount; seed++)
        {
            try
            {
                var (r, c, d) = Check(seed, kinds);
                runs += r;
                changes += c;
                records += d;
            }
            catch
            {
                output.WriteLine($"Failing seed: {seed}");
                throw;
            }
        }

        output.WriteLine($"{SeedCount} seeds, {runs} runs ({runs / 2} with changes, some cut off), {changes} changes " +
                         $"({string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}), {records} records delivered, 0 lost.");
    }

    private static (int Runs, int Changes, int Records) Check(int seed, Dictionary<string, int> kinds)
    {
        ChangingHandler? changer = null;
        var (organization, apiOptions) = ChangingHandler.Setting(seed, leads: 25, searchResultCap: 9);
        using var h = SandboxHarness.StartLoopback(organization, apiOptions,
            (api, inner) => changer = new ChangingHandler(api, (SandboxClock)api.Organization.Clock, seed, inner));
        var random = new Random(seed * 7919);
        var request = new SyncRequest
        {
            Streams = AllStreams,
            StartDate = SyncDriver.From().StartDate,
            Concurrency = 1 + seed % 3,
            Tuning = new SyncTuning
            {
                SearchResultCap = 9,
                PageSizes = new Dictionary<string, int> { ["activities"] = 10, ["tasks"] = 6, ["leads"] = 5, ["event_log"] = 12, ["users"] = 2 },
                CheckpointEveryRecords = 1 + random.Next(15),
            },
        };

        var delivered = new HashSet<(string Stream, string Id, DateTimeOffset Key)>();
        var runs = 0;
        var count = 0;
        for (var round = 0; round < Rounds; round++)
        {
            changer!.ChangeProbability = 0.3;
            int? stopAfter = random.Next(3) == 0 ? null : random.Next(5, 120);
            var changing = SyncDriver.Run(h.Connection, h.Store, request, stopAfter);
            Assert.Empty(changing.Errors);
            Add(changing);

            // What is current now is what a quiet run must leave delivered.
            changer.ChangeProbability = 0;
            var current = AllStreams.SelectMany(s => FullSyncTests.Expected(h.Organization, s).Select(p => (s, p.Id, p.Key))).ToList();
            h.Clock.Advance(TimeSpan.FromSeconds(5));
            var quiet = SyncDriver.Run(h.Connection, h.Store, request);
            Assert.Empty(quiet.Errors);
            Add(quiet);
            var lost = current.Where(c => !delivered.Contains(c)).ToList();
            Assert.True(lost.Count == 0,
                $"seed {seed}, round {round} (cut off after {stopAfter?.ToString() ?? "none"}): {lost.Count} versions current at the run's end " +
                $"never delivered after {changer.Changes.Count} changes, e.g. {string.Join(", ", lost.Take(5).Select(l => $"{l.s} {l.Id}@{l.Key:O}"))}");
        }

        foreach (var c in changer!.Changes)
        {
            var kind = $"{c.Resource} {c.Action}".ToLowerInvariant();
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        return (runs, changer.Changes.Count, count);

        void Add(SyncOutcomeReport report)
        {
            runs++;
            count += report.Records.Count;
            delivered.UnionWith(report.Records.Select(r => (r.Stream, r.Id, r.Key)));
        }
    }
}
