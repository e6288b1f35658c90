namespace Closeio.Core.Tests.State;

public sealed class ProfileStateEditorTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_table_stream_has_no_bookmark_to_set_and_the_error_says_so_leaving_the_profile_untouched()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        var clock = new StepClock(Now);
        ProfileStateEditor.Set(store, "leads", Now.AddDays(-1), TimeSpan.Zero, clock);
        var before = File.ReadAllText(store.Path);

        var ex = Assert.Throws<ArgumentException>(() =>
            ProfileStateEditor.Set(store, LeadStatusesStream.Definition.Name, Now.AddDays(-1), TimeSpan.Zero, clock));

        Assert.Contains(LeadStatusesStream.Definition.Name, ex.Message);
        Assert.Contains("no bookmark", ex.Message);
        Assert.Equal(before, File.ReadAllText(store.Path));
        // Get-CloseioState lists it, with no key and no bookmark.
        var state = ProfileStateEditor.Read(store, [LeadStatusesStream.Definition.Name]).Single();
        Assert.Null(state.ReplicationKey);
        Assert.Null(state.Bookmark);
    }

    [Fact]
    public void A_bookmark_in_the_future_is_refused_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        var clock = new StepClock(Now);

        var ex = Assert.Throws<ArgumentException>(() =>
            ProfileStateEditor.Set(store, "leads", new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.Zero, clock));

        Assert.Contains("2031-01-01", ex.Message);
        Assert.Contains("in the future", ex.Message);
        Assert.False(File.Exists(store.Path));
    }

    [Fact]
    public void A_bookmark_a_few_minutes_ahead_is_allowed_for_clock_differences_and_now_is_fine()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        var clock = new StepClock(Now);

        Assert.Equal(Now.AddMinutes(4), ProfileStateEditor.Set(store, "leads", Now.AddMinutes(4), TimeSpan.Zero, clock).Bookmark);
        Assert.Equal(Now, ProfileStateEditor.Set(store, "leads", Now, TimeSpan.Zero, clock).Bookmark);
        Assert.Throws<ArgumentException>(() => ProfileStateEditor.Set(store, "leads", Now.AddMinutes(6), TimeSpan.Zero, clock));
    }

    [Fact]
    public void Set_and_Reset_wait_for_a_sync_holding_the_profile_when_asked()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        var held = store.Lock();
        var clock = new StepClock(Now) { OnWait = n => { if (n == 2) held.Dispose(); } };

        var state = ProfileStateEditor.Set(store, "leads", Now.AddDays(-1), TimeSpan.FromMinutes(1), clock);

        Assert.Equal(Now.AddDays(-1), state.Bookmark);
        Assert.Equal(2, clock.Waits);

        held = store.Lock();
        clock.OnWait = n => { if (n == 4) held.Dispose(); };
        Assert.Equal(["leads"], ProfileStateEditor.Reset(store, ["leads"], TimeSpan.FromMinutes(1), clock));
    }

    [Fact]
    public void Without_a_wait_a_held_profile_is_refused_at_once()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        using var held = store.Lock();
        var clock = new StepClock(Now);

        Assert.Throws<ProfileLockedException>(() => ProfileStateEditor.Set(store, "leads", Now, TimeSpan.Zero, clock));
        Assert.Throws<ProfileLockedException>(() => ProfileStateEditor.Reset(store, ["leads"], TimeSpan.Zero, clock));
        Assert.Equal(0, clock.Waits);
    }
}
