namespace Closeio.Core.Tests.Sync;

/// <summary>What a sync says about a profile, or a request, that cannot do what the user expects.</summary>
public sealed class ProfileGuardTests
{
    [Fact]
    public void A_bookmark_in_the_future_found_in_the_profile_is_warned_about()
    {
        using var h = SandboxHarness.Create();
        var profile = new Profile();
        profile.SetBookmark("tasks", "date_updated", new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));
        h.Store.Save(profile);

        var run = SyncDriver.Run(h, SyncDriver.From("tasks", "users"));

        var warning = Assert.Single(run.Warnings, w => w.Message.Contains("later than the server's time", StringComparison.Ordinal));
        Assert.StartsWith("tasks:", warning.Message);
        Assert.Contains("2031-01-01", warning.Message);
        Assert.Contains("Set-CloseioState", warning.Message);
    }

    [Fact]
    public void A_bookmark_of_now_is_not_warned_about()
    {
        using var h = SandboxHarness.Create();
        var profile = new Profile();
        profile.SetBookmark("tasks", "date_updated", h.Clock.GetUtcNow());
        h.Store.Save(profile);

        Assert.DoesNotContain(SyncDriver.Run(h, SyncDriver.From("tasks")).Warnings,
            w => w.Message.Contains("later than the server's time", StringComparison.Ordinal));
    }

    [Fact]
    public void A_look_back_too_long_for_a_date_is_refused_naming_the_parameter_and_the_limit()
    {
        using var h = SandboxHarness.Create();
        var request = new SyncRequest { Streams = ["activities"], LookBack = TimeSpan.MaxValue };

        var ex = Assert.Throws<ArgumentException>(() => SyncDriver.Run(h, request));

        Assert.Contains("LookBack", ex.Message);
        Assert.Contains("3650 days", ex.Message);
        Assert.DoesNotContain("un-representable", ex.Message);
        Assert.False(File.Exists(h.Store.Path));
    }

    [Fact]
    public void A_look_back_too_long_in_the_profile_says_it_came_from_the_profile()
    {
        using var h = SandboxHarness.Create();
        h.Store.Save(new Profile { Settings = { LookBack = TimeSpan.FromDays(100_000) } });

        var ex = Assert.Throws<ArgumentException>(() => SyncDriver.Run(h, SyncDriver.From("activities")));

        Assert.Contains(h.Store.Path, ex.Message);
        Assert.Contains("settings.look_back", ex.Message);
    }

    [Fact]
    public void An_unknown_stream_in_the_profile_settings_says_it_came_from_the_profile()
    {
        using var h = SandboxHarness.Create();
        h.Store.Save(new Profile { Settings = { Streams = ["leads", "deals"] } });

        var ex = Assert.Throws<ArgumentException>(() => SyncRequest.StreamsSavedIn(h.Store));

        Assert.Contains(h.Store.Path, ex.Message);
        Assert.Contains("settings.streams", ex.Message);
        Assert.Contains("'deals'", ex.Message);
    }

    [Fact]
    public void The_profile_settings_streams_are_used_when_valid()
    {
        using var h = SandboxHarness.Create();
        Assert.Null(SyncRequest.StreamsSavedIn(h.Store));
        h.Store.Save(new Profile { Settings = { Streams = ["leads", "tasks"] } });
        Assert.Equal(["leads", "tasks"], SyncRequest.StreamsSavedIn(h.Store));
    }

    [Fact]
    public void Sync_waits_for_the_profile_lock_on_the_connection_clock_when_asked()
    {
        using var h = SandboxHarness.Create();
        using (h.Store.Lock())
        {
            var request = SyncDriver.From("users") is var r
                ? new SyncRequest { Streams = r.Streams, StartDate = r.StartDate, Tuning = new SyncTuning { LockWait = TimeSpan.FromMinutes(2) } }
                : null!;
            var before = h.Clock.GetUtcNow();
            var ex = Assert.Throws<ProfileLockedException>(() => SyncDriver.Run(h, request));
            Assert.Equal(TimeSpan.FromMinutes(2), ex.Waited);
            Assert.True(h.Clock.GetUtcNow() - before >= TimeSpan.FromMinutes(2), "the wait was not measured on the connection's clock");
        }
    }
}
