namespace Closeio.Core.Tests.Sync;

/// <summary>
/// Random changes while syncs run, and runs cut off at random points, never lose a record: every
/// record that exists at the end was delivered, in some run, at its final version.
/// </summary>
public sealed class InterleavingPropertyTests(ITestOutputHelper output)
{
    private static readonly string[] AllStreams = ["leads", "activities", "tasks", "users", "custom_fields", "event_log"];

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 20).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Changes_and_interruptions_never_lose_a_record(int seed)
    {
        try
        {
            Check(seed);
        }
        catch
        {
            output.WriteLine($"Failing seed: {seed}");
            throw;
        }
    }

    private void Check(int seed)
    {
        ChangingHandler? changer = null;
        var (organization, apiOptions) = ChangingHandler.Setting(seed, leads: 12, searchResultCap: 7);
        using var h = SandboxHarness.Create(organization, apiOptions,
            (api, inner) => changer = new ChangingHandler(api, (SandboxClock)api.Organization.Clock, seed, inner));
        // Every third seed also meets server errors, which the client retries.
        if (seed % 3 == 0) h.Api.Faults.SetProbability(SandboxFault.ServiceUnavailable, 0.05);
        var random = new Random(seed * 7919);
        var request = new SyncRequest
        {
            Streams = AllStreams,
            StartDate = SandboxApi.DefaultStart.AddDays(-25),
            Concurrency = 1 + (seed % 3),
            Tuning = new SyncTuning
            {
                SearchResultCap = 7,
                PageSizes = new Dictionary<string, int> { ["activities"] = 10, ["tasks"] = 8, ["leads"] = 5, ["event_log"] = 9 },
                CheckpointEveryRecords = 1 + random.Next(20),
            },
        };

        var delivered = new List<Record>();
        var bookmarks = new Dictionary<string, DateTimeOffset>();
        changer!.ChangeProbability = 0.3;
        for (var run = 0; run < 6; run++)
        {
            int? stopAfter = random.Next(3) == 0 ? null : random.Next(0, 60);
            var report = SyncDriver.Run(h, request, stopAfter);
            Assert.Empty(report.Errors);
            AssertGivenOnce(report.Records);
            delivered.AddRange(report.Records);
            AssertBookmarksNeverMoveBack(h, bookmarks);
        }

        // The resume: no more changes, and one run that is allowed to finish.
        changer.ChangeProbability = 0;
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var last = SyncDriver.Run(h, request);
        Assert.Empty(last.Errors);
        delivered.AddRange(last.Records);
        AssertBookmarksNeverMoveBack(h, bookmarks);

        var profile = h.Store.Load();
        foreach (var stream in AllStreams)
        {
            var got = delivered.Where(r => r.Stream == stream).Select(r => (r.Id, r.Key, Updated(r))).ToHashSet();
            var lookBackFrom = profile.Bookmarks.TryGetValue("activities", out var b) && b.Value is { } v
                ? v - profile.Settings.LookBack
                : DateTimeOffset.MaxValue;
            foreach (var item in Truth(h.Organization, stream))
            {
                if (item.Key < request.StartDate) continue;
                // Activities: Close cannot tell which old activities changed; only look-back edits are owed.
                var owedVersion = stream != "activities" || item.Key >= lookBackFrom;
                var found = got.Any(g => g.Id == item.Id && g.Key == item.Key && (!owedVersion || g.Item3 == item.Updated));
                Assert.True(found,
                    $"seed {seed}: {stream} {item.Id} (key {item.Key:O}, updated {item.Updated:O}) was never delivered at its final version; " +
                    $"{changer.Changes.Count} changes made");
            }
        }
    }

    private static IEnumerable<(string Id, DateTimeOffset Key, DateTimeOffset Updated)> Truth(SandboxOrganization org, string stream) =>
        stream == "activities"
            ? org.Activities(null, null).Select(a => (a.Id, a.DateCreated, a.DateUpdated))
            : FullSyncTests.Expected(org, stream).Select(p => (p.Id, p.Key, p.Key));

    private static DateTimeOffset Updated(Record r) =>
        r.TryGetValue("date_updated", out var v) && v is string s ? CloseTimestamp.Parse(s) : r.Key;

    private static void AssertGivenOnce(List<Record> records)
    {
        var dupes = records.GroupBy(r => (r.Stream, r.Id, r.Key)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(dupes.Count == 0, $"given twice in one run: {string.Join(", ", dupes)}");
    }

    private static void AssertBookmarksNeverMoveBack(SandboxHarness h, Dictionary<string, DateTimeOffset> seen)
    {
        if (!File.Exists(h.Store.Path)) return;
        foreach (var (stream, bookmark) in h.Store.Load().Bookmarks)
        {
            if (bookmark.Value is not { } value) continue;
            if (seen.TryGetValue(stream, out var before)) Assert.True(value >= before, $"{stream} moved back from {before:O} to {value:O}");
            seen[stream] = value;
        }
    }
}
