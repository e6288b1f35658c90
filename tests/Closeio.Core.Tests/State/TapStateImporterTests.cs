using Closeio.Core.Tests.State;

namespace Closeio.Core.Tests.State;

public sealed class TapStateImporterTests
{
    private const string TapState = """
        {"bookmarks": {"leads": {"date_updated": "2024-03-01T10:00:00+00:00"},
                       "tasks": {"date_updated": "2024-02-01T00:00:00Z"},
                       "deals": {"date_updated": "2024-01-01T00:00:00Z"}},
         "currently_syncing": "tasks"}
        """;

    private static ProfileStore WithLeadsAt(TempDirectory dir, string leads)
    {
        var store = ProfileStore.ForPath(dir.File("p.json"));
        var profile = store.Load();
        profile.SetBookmark("leads", "date_updated", CloseTimestamp.Parse(leads));
        store.Save(profile);
        return store;
    }

    [Fact]
    public void Reading_a_state_pairs_each_bookmark_with_the_profiles_and_says_which_would_move_back()
    {
        using var dir = new TempDirectory();
        var store = WithLeadsAt(dir, "2025-01-01T00:00:00Z");

        var plan = TapStateImporter.Read(store, TapState);

        Assert.Equal(["leads", "tasks"], plan.Bookmarks.Select(b => b.Stream));
        Assert.True(plan.Bookmarks[0].MovesBack);
        Assert.False(plan.Bookmarks[1].MovesBack);
        Assert.Equal(["deals"], plan.UnknownStreams);
        Assert.Equal("tasks", plan.CurrentlySyncing);
    }

    [Fact]
    public void An_import_keeps_a_later_bookmark_unless_told_to_replace_it()
    {
        using var dir = new TempDirectory();
        var store = WithLeadsAt(dir, "2025-01-01T00:00:00Z");
        var plan = TapStateImporter.Read(store, TapState);

        var states = TapStateImporter.Apply(store, plan.Bookmarks, replaceNewer: false, TimeSpan.Zero, TimeProvider.System);

        Assert.Equal(CloseTimestamp.Parse("2025-01-01T00:00:00Z"), states.Single(s => s.Stream == "leads").Bookmark);
        Assert.Equal(CloseTimestamp.Parse("2024-02-01T00:00:00Z"), store.Load().Bookmarks["tasks"].Value);

        TapStateImporter.Apply(store, plan.Bookmarks, replaceNewer: true, TimeSpan.Zero, TimeProvider.System);
        Assert.Equal(CloseTimestamp.Parse("2024-03-01T10:00:00Z"), store.Load().Bookmarks["leads"].Value);
    }

    [Fact]
    public void Only_the_approved_streams_are_written()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForPath(dir.File("p.json"));
        var plan = TapStateImporter.Read(store, TapState);

        TapStateImporter.Apply(store, [plan.Bookmarks[1]], replaceNewer: false, TimeSpan.Zero, TimeProvider.System);

        Assert.Equal(["tasks"], store.Load().Bookmarks.Keys);
    }

    [Fact]
    public void A_file_that_is_not_a_tap_state_is_refused_as_such()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForPath(dir.File("p.json"));

        var e = Assert.Throws<InvalidTapStateException>(() => TapStateImporter.Read(store, """{"leads": "2024-01-01"}"""));
        Assert.False(File.Exists(store.Path));
    }
}
