namespace Closeio.Core.Tests.Sync;

public sealed class WindowEdgeTests
{
    private static SyncRequest Leads(int cap, int pageSize = 200) => new()
    {
        Streams = ["leads"],
        StartDate = SyncDriver.From().StartDate,
        Tuning = new SyncTuning { SearchResultCap = cap, PageSizes = new Dictionary<string, int> { ["leads"] = pageSize } },
    };

    /// <summary>
    /// Lead searches that reach a result cap continue from the last date_updated: the cap in the
    /// settings (server and setting agree at 10), or a server cap lower than the setting (8 against
    /// 10,000), which is noticed from the counts.
    /// </summary>
    [Theory]
    [InlineData(10, 10, 4)]
    [InlineData(8, 10_000, 5)]
    public void Lead_searches_that_reach_the_result_cap_continue_from_the_last_date_updated(int serverCap, int settingCap, int pageSize)
    {
        using var h = SandboxHarness.Create(apiOptions: new SandboxApiOptions { SearchResultCap = serverCap });

        var run = SyncDriver.Run(h, Leads(cap: settingCap, pageSize: pageSize));

        Assert.Empty(run.Errors);
        Assert.Equal(FullSyncTests.Expected(h.Organization, "leads").Select(p => p.Id).Order(), run.Records.Select(r => r.Id).Order());
        Assert.True(h.Api.Counters.Count("POST /data/search/") >= 30 / serverCap);
    }

    /// <summary>Moves the clock past the cursor expiry once, before the n-th search request that carries a cursor.</summary>
    private sealed class CursorAger(SandboxClock clock, int followUp, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _followUps;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null &&
                System.Text.Json.Nodes.JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))?["cursor"] is not null &&
                ++_followUps == followUp)
            {
                clock.Advance(TimeSpan.FromSeconds(2));
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public void An_expired_cursor_over_a_crowded_instant_reads_it_again_without_losing_or_repeating_leads()
    {
        using var h = SandboxHarness.Create(apiOptions: new SandboxApiOptions { CursorExpiry = TimeSpan.FromSeconds(1) },
            wrap: (api, inner) => new CursorAger((SandboxClock)api.Organization.Clock, 2, inner));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 13; i++) h.Organization.CreateLead();   // one instant: followed by cursor, 6 at a time
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var run = SyncDriver.Run(h, Leads(cap: 10_000, pageSize: 6));

        Assert.Empty(run.Errors);
        Assert.True(h.Api.Counters.Count("POST /data/search/", 400) > 0, "the cursor should have expired");
        var ids = run.Records.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(FullSyncTests.Expected(h.Organization, "leads").Select(p => p.Id).Order(), ids.Order());
    }

    [Fact]
    public void More_leads_at_one_instant_than_a_search_can_return_fail_the_stream_clearly()
    {
        using var h = SandboxHarness.Create(apiOptions: new SandboxApiOptions { SearchResultCap = 10 });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var before = h.Organization.Leads().Select(l => l.Id).Order().ToList();
        for (var i = 0; i < 12; i++) h.Organization.CreateLead();   // the clock stands still: one instant
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var run = SyncDriver.Run(h, Leads(cap: 10, pageSize: 5));

        var error = Assert.Single(run.Errors);
        Assert.Contains("share the date_updated", error.Error.Message);
        Assert.Equal("failed", run.Summaries.Single().Outcome);
        // Everything before the crowded instant was delivered and checkpointed.
        Assert.Equal(before, run.Records.Select(r => r.Id).Order());
        Assert.NotNull(h.Store.Load().Bookmarks["leads"].Value);
    }

    [Fact]
    public void Get_CloseioLead_fails_as_loudly_as_the_sync_when_more_leads_share_an_instant_than_a_search_returns()
    {
        using var h = SandboxHarness.Create(apiOptions: new SandboxApiOptions { SearchResultCap = 10 });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 12; i++) h.Organization.CreateLead();   // the clock stands still: one instant
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Organization.CreateLead();   // a later lead, which a silent stop would leave out

        var query = new Closeio.Core.Streams.LeadQuery { SearchResultCap = 10 };
        var error = Assert.Throws<InvalidOperationException>(() =>
            query.Run(new Closeio.Core.Queries.QueryContext(h.Connection, new Closeio.Core.Queries.QueryPaging()), CancellationToken.None).ToList());

        Assert.Contains("share the date_updated", error.Message);
    }

    [Fact]
    public void More_tasks_at_one_instant_than_a_page_are_paged_within_that_instant()
    {
        using var h = SandboxHarness.Create();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var lead = h.Organization.Leads().First().Id;
        for (var i = 0; i < 13; i++) h.Organization.CreateTask(lead, "lead");
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var run = SyncDriver.Run(h, new SyncRequest
        {
            Streams = ["tasks"], StartDate = SyncDriver.From().StartDate,
            Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { ["tasks"] = 5 } },
        });

        Assert.Empty(run.Errors);
        Assert.Equal(FullSyncTests.Expected(h.Organization, "tasks").Select(p => p.Id).Order(), run.Records.Select(r => r.Id).Order());
    }

    [Fact]
    public void Disposing_a_session_whose_readers_wait_on_the_consumer_returns_promptly()
    {
        using var h = SandboxHarness.Create();
        var session = SyncSession.Start(h.Connection, h.Store,
            new SyncRequest { Streams = ["activities"], StartDate = SyncDriver.From().StartDate, Tuning = new SyncTuning { HandOffCapacity = 2 } },
            CancellationToken.None);
        var first = session.Events().OfType<RecordEvent>().First();
        session.Accept(first.Record);

        // The reader is blocked on the full hand-off: Dispose cancels it rather than waiting on it.
        session.Dispose();

        var profile = h.Store.Load();
        Assert.Equal(first.Record.Key, profile.Bookmarks["activities"].Value);
        Assert.Equal("interrupted", profile.LastRun["activities"].Outcome);
    }

    [Fact]
    public void Cancelling_the_token_ends_the_events_with_OperationCanceledException()
    {
        using var h = SandboxHarness.Create();
        using var cts = new CancellationTokenSource();
        using var session = SyncSession.Start(h.Connection, h.Store,
            new SyncRequest { Streams = ["activities"], StartDate = SyncDriver.From().StartDate, Tuning = new SyncTuning { HandOffCapacity = 2 } },
            cts.Token);

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var e in session.Events())
            {
                if (e is RecordEvent) cts.Cancel();
            }
        });
    }

    [Fact]
    public void While_records_are_accepted_the_profile_is_saved_every_few_seconds_up_to_the_last_accepted_one()
    {
        using var h = SandboxHarness.Create(
            wrap: (api, inner) => new ClockStepHandler((SandboxClock)api.Organization.Clock, TimeSpan.FromSeconds(2), inner));
        var request = new SyncRequest
        {
            Streams = ["activities"], StartDate = SyncDriver.From().StartDate,
            Tuning = new SyncTuning
            {
                CheckpointEveryRecords = 1_000_000, CheckpointInterval = TimeSpan.FromSeconds(5), HandOffCapacity = 4,
                PageSizes = new Dictionary<string, int> { ["activities"] = 10 },
            },
        };
        using var session = SyncSession.Start(h.Connection, h.Store, request, CancellationToken.None);
        var accepted = new List<Closeio.Core.Records.Record>();
        foreach (var e in session.Events())
        {
            if (e is not RecordEvent r) continue;
            accepted.Add(r.Record);
            session.Accept(r.Record);
            if (accepted.Count == 60) break;
        }

        // Saved mid-run by time alone, and never past what was accepted.
        var saved = h.Store.Load().Bookmarks["activities"].Value;
        Assert.NotNull(saved);
        Assert.True(saved <= accepted[^1].Key);
        Assert.Contains(accepted, r => r.Key == saved);
    }
}
