namespace Closeio.Core.Tests.Sync;

public sealed class ResilienceTests
{
    private static readonly string[] AllStreams = ["leads", "activities", "tasks", "users", "custom_fields", "event_log"];

    private static SandboxApiOptions Limited(RateLimitHintStyle style) => new()
    {
        RateLimit = new RateLimitOptions { RequestsPerWindow = 4, Window = TimeSpan.FromSeconds(1) },
        HintStyle = style,
    };

    private static void AssertEverything(SandboxHarness h, SyncOutcomeReport run)
    {
        Assert.Empty(run.Errors);
        foreach (var stream in AllStreams)
        {
            var expected = FullSyncTests.Expected(h.Organization, stream).Select(p => p.Id).Order().ToList();
            Assert.Equal(expected, run.Of(stream).Select(r => r.Id).Order());
        }
    }

    [Fact]
    public void A_sync_through_5xx_truncated_bodies_and_dropped_connections_gets_every_record()
    {
        AnswerLog? log = null;
        using var h = SandboxHarness.Create(wrap: (api, inner) => log = new AnswerLog(api.Organization.Clock, inner), maxRetries: 8);
        InjectFaults(h);

        var run = SyncDriver.Run(h, SyncDriver.From(AllStreams));

        AssertEverything(h, run);
        Assert.Contains(log!.Answers, a => a.Status >= 500 || a.Status == 0);
        Assert.True(run.Summaries.Sum(s => s.Retries) > 0, "the faults should have cost retries");
        Assert.All(run.Summaries, s => Assert.Equal("completed", s.Outcome));
    }

    [Fact]
    public void An_honoured_RateLimit_header_keeps_a_concurrent_sync_free_of_429s()
    {
        AnswerLog? log = null;
        using var h = SandboxHarness.Create(apiOptions: Limited(RateLimitHintStyle.RateLimitHeader),
            wrap: (api, inner) => log = new AnswerLog(api.Organization.Clock, inner));

        var run = SyncDriver.Run(h, SyncDriver.From(AllStreams) is var r
            ? new Closeio.Core.Sync.SyncRequest { Streams = r.Streams, StartDate = r.StartDate, Concurrency = 3 }
            : null!);

        AssertEverything(h, run);
        var limited = log!.Answers.Where(a => a.Status == 429).ToList();
        Assert.True(limited.Count == 0, string.Join("\n", limited.Select(a => $"{a.At:HH:mm:ss.fffffff} {a.Path}")));
    }

    [Fact]
    public void Rate_limits_and_faults_together_still_deliver_every_record_without_hammering()
    {
        AnswerLog? log = null;
        using var h = SandboxHarness.Create(apiOptions: Limited(RateLimitHintStyle.RetryAfter),
            wrap: (api, inner) => log = new AnswerLog(api.Organization.Clock, inner), maxRetries: 10);
        InjectFaults(h);

        var run = SyncDriver.Run(h, SyncDriver.From(AllStreams));

        AssertEverything(h, run);
        AssertAtMostOne429PerWindow(log!);
    }

    private static void InjectFaults(SandboxHarness h)
    {
        h.Api.Faults.SetProbability(SandboxFault.InternalServerError, 0.08);
        h.Api.Faults.SetProbability(SandboxFault.ServiceUnavailable, 0.05);
        h.Api.Faults.SetProbability(SandboxFault.DroppedConnection, 0.05);
        h.Api.Faults.SetProbability(SandboxFault.TruncatedBody, 0.03);
    }

    private static void AssertAtMostOne429PerWindow(AnswerLog log)
    {
        foreach (var group in log.Answers.Where(a => a.Status == 429).GroupBy(a => a.Path))
        {
            var windows = group.Select(a => a.At.UtcTicks / TimeSpan.TicksPerSecond).ToList();
            Assert.True(windows.Count == windows.Distinct().Count(),
                $"{group.Key} got two 429s in one window: {string.Join(", ", group.Select(a => a.At.ToString("HH:mm:ss.fff")))}");
        }
    }

    [Theory]
    [InlineData(RateLimitHintStyle.RetryAfter)]
    [InlineData(RateLimitHintStyle.BodyInError)]
    [InlineData(RateLimitHintStyle.None)]
    public void When_limits_are_only_learnt_from_429s_no_group_earns_two_in_one_window(RateLimitHintStyle style)
    {
        AnswerLog? log = null;
        using var h = SandboxHarness.Create(apiOptions: Limited(style),
            wrap: (api, inner) => log = new AnswerLog(api.Organization.Clock, inner), maxRetries: 10);

        var run = SyncDriver.Run(h, SyncDriver.From(AllStreams));

        AssertEverything(h, run);
        AssertAtMostOne429PerWindow(log!);
    }
}
