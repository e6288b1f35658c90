namespace Closeio.Core.Tests.State;

public class TapStateImportTests
{
    private const string TapState = """
        {"currently_syncing": "tasks",
         "bookmarks": {
           "leads": {"date_updated": "2024-01-02T03:04:05.000000Z"},
           "activities": {"date_created": "2024-01-02T00:00:00+00:00"},
           "tasks": {"date_updated": "2024-01-03T12:30:00.5+00:00"},
           "event_log": {"date_updated": "2024-01-02"},
           "deals": {"date_updated": "2024-01-01T00:00:00Z"}}}
        """;

    [Fact]
    public void A_tap_closeio_state_in_all_three_timestamp_styles_becomes_canonical_bookmarks()
    {
        var profile = new Profile();

        var result = TapStateImport.Apply(profile, TapState);

        Assert.Same(profile, result.Profile);
        Assert.Equal(["leads", "activities", "tasks", "event_log"], result.Imported);
        Assert.Equal(CloseTimestamp.Parse("2024-01-02T03:04:05Z"), profile.Bookmarks["leads"].Value);
        Assert.Equal("date_created", profile.Bookmarks["activities"].Key);
        Assert.Equal(CloseTimestamp.Parse("2024-01-02T00:00:00Z"), profile.Bookmarks["activities"].Value);
        Assert.Equal(CloseTimestamp.Parse("2024-01-03T12:30:00.5Z"), profile.Bookmarks["tasks"].Value);
        Assert.Equal(CloseTimestamp.Parse("2024-01-02T00:00:00Z"), profile.Bookmarks["event_log"].Value);
        Assert.Equal("tasks", result.CurrentlySyncing);
    }

    [Fact]
    public void Streams_the_module_does_not_know_are_reported_not_imported()
    {
        var profile = new Profile();

        var result = TapStateImport.Apply(profile, TapState);

        Assert.Equal(["deals"], result.UnknownStreams);
        Assert.False(profile.Bookmarks.ContainsKey("deals"));
    }

    [Fact]
    public void Imported_bookmarks_are_saved_in_the_canonical_form()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("migrated", dir.Path);
        var profile = store.Load();
        TapStateImport.Apply(profile, TapState);
        store.Save(profile);

        using var doc = JsonDocument.Parse(File.ReadAllBytes(store.Path));
        var bookmarks = doc.RootElement.GetProperty("bookmarks");
        Assert.Equal("2024-01-02T00:00:00.000000Z", bookmarks.GetProperty("activities").GetProperty("date_created").GetString());
        Assert.Equal("2024-01-02T00:00:00.000000Z", bookmarks.GetProperty("event_log").GetProperty("date_updated").GetString());
        Assert.Equal("2024-01-03T12:30:00.500000Z", bookmarks.GetProperty("tasks").GetProperty("date_updated").GetString());
    }

    [Fact]
    public void An_import_replaces_newer_bookmarks_because_it_is_an_explicit_request()
    {
        var profile = new Profile();
        profile.AdvanceBookmark("leads", "date_updated", CloseTimestamp.Parse("2025-01-01"), ["lead_x"]);

        TapStateImport.Apply(profile, """{"bookmarks": {"leads": {"date_updated": "2024-01-02T03:04:05Z"}}}""");

        Assert.Equal(CloseTimestamp.Parse("2024-01-02T03:04:05Z"), profile.Bookmarks["leads"].Value);
        Assert.Empty(profile.Bookmarks["leads"].BoundaryIds);
    }

    [Fact]
    public void A_meltano_style_wrapper_is_accepted()
    {
        var profile = new Profile();
        var result = TapStateImport.Apply(profile, """{"singer_state": {"bookmarks": {"leads": {"date_updated": "2024-01-02"}}}}""");

        Assert.Equal(["leads"], result.Imported);
        Assert.Null(result.CurrentlySyncing);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"streams\": []}", "no \"bookmarks\" object")]
    [InlineData("{\"bookmarks\": {\"leads\": {\"date_updated\": \"soon\"}}}", "leads.date_updated")]
    [InlineData("{\"bookmarks\": {\"activities\": {\"date_updated\": \"2024-01-02\"}}}", "no 'date_created'")]
    [InlineData("{\"bookmarks\": {\"leads\": \"2024-01-02\"}}", "'leads'")]
    public void A_bad_state_is_refused_and_changes_nothing(string json, string problem)
    {
        var profile = new Profile();
        profile.AdvanceBookmark("tasks", "date_updated", CloseTimestamp.Parse("2024-06-01"));
        var wrapped = json.StartsWith("{\"bookmarks\": {") ? json.Replace("{\"bookmarks\": {", "{\"bookmarks\": {\"tasks\": {\"date_updated\": \"2020-01-01\"}, ") : json;

        var ex = Assert.Throws<FormatException>(() => TapStateImport.Apply(profile, wrapped));

        Assert.Contains(problem, ex.Message);
        Assert.Equal(CloseTimestamp.Parse("2024-06-01"), profile.Bookmarks["tasks"].Value);
        Assert.Single(profile.Bookmarks);
    }
}
