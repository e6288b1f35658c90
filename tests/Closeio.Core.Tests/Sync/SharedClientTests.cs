namespace Closeio.Core.Tests.Sync;

/// <summary>A sync run goes through the connection's own client, so it shares what that client learnt.</summary>
public sealed class SharedClientTests
{
    private static SandboxApiOptions Limited(int perWindow) => new()
    {
        RateLimit = new RateLimitOptions { RequestsPerWindow = perWindow, Window = TimeSpan.FromSeconds(1) },
        HintStyle = RateLimitHintStyle.RateLimitHeader,
    };

    [Fact]
    public void A_spent_budget_seen_by_a_query_makes_the_sync_wait_instead_of_earning_a_429()
    {
        AnswerLog? log = null;
        using var h = SandboxHarness.Create(apiOptions: Limited(4),
            wrap: (api, inner) => log = new AnswerLog(api.Organization.Clock, inner));
        // Four Get-CloseioUser-style queries spend the window's four calls to GET user/ (the last answer says remaining=0).
        for (var i = 0; i < 4; i++)
            Assert.NotEmpty(new StreamQuery(UsersStream.Definition).Run(new QueryContext(h.Connection), CancellationToken.None).ToList());
        var before = log!.Answers.Count;

        var run = SyncDriver.Run(h, SyncDriver.From("users"));

        Assert.Empty(run.Errors);
        Assert.Equal(FullSyncTests.Expected(h.Organization, "users").Count(), run.Of("users").Count());
        Assert.DoesNotContain(log.Answers.Skip(before), a => a.Status == 429);
        var lines = run.Events.OfType<LogEvent>().Select(e => e.Message).ToList();
        Assert.Contains(lines, l => l.StartsWith("GET user/", StringComparison.Ordinal) && l.Contains(" 200 ", StringComparison.Ordinal) &&
                                    l.Contains("waited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_connections_own_log_still_hears_a_syncs_requests_and_the_run_hears_only_its_own()
    {
        using var h = SandboxHarness.Create();
        var heard = new List<string>();
        using var outside = h.Connection.Client.BeginLogScope(e => { lock (heard) heard.Add(e.Path); });

        var run = SyncDriver.Run(h, SyncDriver.From("users"));
        await h.Connection.Client.GetIdentityAsync(CancellationToken.None);

        var sessionLines = run.Events.OfType<LogEvent>().Select(e => e.Message)
            .Where(m => m.StartsWith("GET ", StringComparison.Ordinal) || m.StartsWith("POST ", StringComparison.Ordinal)).ToList();
        Assert.Contains(heard, p => p.StartsWith("user/", StringComparison.Ordinal));
        Assert.Equal(sessionLines.Count + 1, heard.Count);
        Assert.Equal("me/", heard[^1]);
    }
}
