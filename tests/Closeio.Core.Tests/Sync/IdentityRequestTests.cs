namespace Closeio.Core.Tests.Sync;

/// <summary>How often a connection and the runs on it ask <c>GET me/</c>: a scheduled run connects and syncs at once.</summary>
public sealed class IdentityRequestTests
{
    private static long MeRequests(SandboxHarness h) =>
        h.Api.Counters.Snapshot().Where(c => c.Group.Contains("me/", StringComparison.Ordinal)).Sum(c => c.Requests);

    [Fact]
    public void Connecting_and_syncing_straight_away_asks_me_once()
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, SyncDriver.From("users"));

        Assert.Empty(run.Errors);
        Assert.NotEmpty(run.Records);
        Assert.Equal(1, MeRequests(h));
    }

    [Fact]
    public void A_second_run_on_the_same_connection_samples_the_server_clock_again()
    {
        using var h = SandboxHarness.Create();
        SyncDriver.Run(h, SyncDriver.From("users"));
        h.Api.Counters.Reset();

        var second = SyncDriver.Run(h, SyncDriver.From("users"));

        Assert.Empty(second.Errors);
        Assert.Equal(1, MeRequests(h));
    }

    [Fact]
    public void A_run_long_after_connecting_asks_me_again_for_a_fresh_upper_bound()
    {
        using var h = SandboxHarness.Create();
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        var run = SyncDriver.Run(h, SyncDriver.From("users"));

        Assert.Empty(run.Errors);
        Assert.Equal(2, MeRequests(h));
        Assert.Equal(h.Organization.Users().Count(), run.Records.Count);
    }
}
