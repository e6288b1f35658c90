namespace Closeio.Core.Tests.Sync;

/// <summary>
/// Close's search cursor is a position in a result set that edits reorder (the Sandbox's is too): a
/// lead edited mid-scan moves to the end, the next one slides into its place, and a reader that
/// follows the cursor skips it for good. Leads edited at random points of a multi-page sync, then
/// quiet syncs: every lead that exists at the end was delivered at its final version.
/// </summary>
public sealed class LeadEditsDuringSyncTests(ITestOutputHelper output)
{
    private const int Seeds = 12;

    /// <summary>Before some search requests, edits a few random leads (each then sorts last) and moves the clock on.</summary>
    private sealed class LeadEditor(SandboxApi api, SandboxClock clock, int seed, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Random _random = new(seed);

        public double Probability { get; set; }

        public int Edits { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Probability > 0 && request.RequestUri!.AbsolutePath.EndsWith("/data/search/", StringComparison.Ordinal) &&
                _random.NextDouble() < Probability)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1 + _random.Next(500)));
                var leads = api.Organization.Leads().Select(l => l.Id).ToList();
                for (var i = 1 + _random.Next(2); i > 0; i--)
                {
                    api.Organization.UpdateLead(leads[_random.Next(leads.Count)]);
                    Edits++;
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public void Leads_edited_while_a_multi_page_sync_runs_are_never_skipped()
    {
        var edits = 0;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            try
            {
                edits += Check(seed);
            }
            catch
            {
                output.WriteLine($"Failing seed: {seed}");
                throw;
            }
        }

        output.WriteLine($"{Seeds} seeded runs, {edits} lead edits during syncs, no lead lost.");
    }

    private static int Check(int seed)
    {
        LeadEditor? editor = null;
        using var h = SandboxHarness.Create(
            new SandboxOptions { Seed = seed, Users = 3, Leads = 120 + seed * 10, Activities = 10, Tasks = 5 },
            wrap: (api, inner) => editor = new LeadEditor(api, (SandboxClock)api.Organization.Clock, seed, inner));
        var request = new SyncRequest
        {
            Streams = ["leads"],
            StartDate = SyncDriver.From().StartDate,
            Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { ["leads"] = 7 + seed % 5 } },
        };

        editor!.Probability = 0.5;
        var delivered = SyncDriver.Run(h, request).Records.ToList();
        editor.Probability = 0;
        for (var quiet = 0; quiet < 2; quiet++)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(5));
            var run = SyncDriver.Run(h, request);
            Assert.Empty(run.Errors);
            delivered.AddRange(run.Records);
        }

        var got = delivered.Select(r => (r.Id, r.Key)).ToHashSet();
        var missing = FullSyncTests.Expected(h.Organization, "leads").Where(p => !got.Contains(p)).ToList();
        Assert.True(editor.Edits > 0, $"seed {seed}: no edit was made");
        Assert.True(missing.Count == 0,
            $"seed {seed}: {missing.Count} leads never delivered at their final version after {editor.Edits} edits: " +
            FullSyncTests.Describe(missing));
        return editor.Edits;
    }

    [Fact]
    public void Get_CloseioLead_does_not_skip_a_lead_when_another_is_edited_between_pages()
    {
        LeadEditor? editor = null;
        using var h = SandboxHarness.Create(new SandboxOptions { Seed = 3, Users = 3, Leads = 900, Activities = 10, Tasks = 5 },
            wrap: (api, inner) => editor = new LeadEditor(api, (SandboxClock)api.Organization.Clock, 3, inner));
        var before = h.Organization.Leads().Select(l => l.Id).ToHashSet();
        editor!.Probability = 0.6;

        var leads = new LeadQuery().Run(new QueryContext(h.Connection), CancellationToken.None).ToList();

        Assert.True(editor.Edits > 0);
        // An edited lead may come twice (before and after its edit); none may be missing.
        Assert.Empty(before.Except(leads.Select(l => l.Id)));
    }
}
