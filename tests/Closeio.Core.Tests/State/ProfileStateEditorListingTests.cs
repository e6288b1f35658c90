namespace Closeio.Core.Tests.State;

public sealed class ProfileStateEditorListingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "closeio-state-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private ProfileStore Store() => ProfileStore.ForPath(Path.Combine(_directory, "p.json"));

    [Fact]
    public void Every_stream_is_listed_even_before_the_first_run()
    {
        var states = ProfileStateEditor.Read(Store());
        Assert.Equal(StreamCatalog.Names, states.Select(s => s.Stream));
        Assert.All(states, s => Assert.Null(s.Bookmark));
        Assert.False(File.Exists(Store().Path));
    }

    [Fact]
    public void A_set_bookmark_reads_back_and_a_reset_forgets_only_that_stream()
    {
        var store = Store();
        var when = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2));
        var set = ProfileStateEditor.Set(store, "Leads", when);
        ProfileStateEditor.Set(store, "tasks", when);

        Assert.Equal(("leads", "date_updated", when.ToUniversalTime()), (set.Stream, set.ReplicationKey, set.Bookmark));
        Assert.Equal(new[] { "leads" }, ProfileStateEditor.Reset(store, ["leads"]));
        var states = ProfileStateEditor.Read(store).ToDictionary(s => s.Stream);
        Assert.Null(states["leads"].Bookmark);
        Assert.Equal(when, states["tasks"].Bookmark);
    }

    [Fact]
    public void Resetting_an_empty_list_resets_nothing()
    {
        var store = Store();
        ProfileStateEditor.Set(store, "users", DateTimeOffset.UnixEpoch);
        Assert.Empty(ProfileStateEditor.Reset(store, []));
        Assert.NotNull(ProfileStateEditor.Read(store, ["users"])[0].Bookmark);
    }

    [Fact]
    public void Changing_state_while_a_sync_holds_the_profile_is_refused()
    {
        var store = Store();
        Directory.CreateDirectory(_directory);
        using (store.Lock())
        {
            Assert.Throws<ProfileLockedException>(() => ProfileStateEditor.Reset(store, ["leads"]));
            Assert.Throws<ProfileLockedException>(() => ProfileStateEditor.Set(store, "leads", DateTimeOffset.UnixEpoch));
        }
    }

    [Fact]
    public void An_unknown_stream_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<ArgumentException>(() => ProfileStateEditor.Set(Store(), "deals", DateTimeOffset.UnixEpoch));
        Assert.Contains("leads", error.Message);
    }
}
