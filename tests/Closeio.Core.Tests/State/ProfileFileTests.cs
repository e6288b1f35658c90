namespace Closeio.Core.Tests.State;

public class ProfileFileTests
{
    private static Profile SampleProfile()
    {
        var p = new Profile();
        p.Settings.StartDate = CloseTimestamp.Parse("2023-01-01");
        p.Settings.LookBack = TimeSpan.FromHours(6);
        p.Settings.PageSizes["leads"] = 200;
        p.Settings.PageSizes["activities"] = 100;
        p.Settings.BaseUri = "https://sandbox.close.local/api/v1/";
        p.Settings.Streams = ["leads", "activities"];
        p.AdvanceBookmark("leads", "date_updated", CloseTimestamp.Parse("2024-05-01T12:00:00.123456+02:00"), ["lead_1", "lead_2"]);
        p.AdvanceBookmark("activities", "date_created", CloseTimestamp.Parse("2024-05-02"));
        p.Bookmarks["activities"].Extra["window_end"] = "2024-05-03T00:00:00.000000Z";
        p.LastRun["leads"] = new StreamRunSummary
        {
            Stream = "leads",
            Started = CloseTimestamp.Parse("2024-05-01T10:00:00Z"),
            Ended = CloseTimestamp.Parse("2024-05-01T10:05:00.5Z"),
            Records = 1234,
            Requests = 17,
            Retries = 2,
            RateLimited = 1,
            Errors = 1,
            Outcome = "Failed",
            Error = "Close answered 503 after 6 retries.",
        };
        return p;
    }

    [Fact]
    public void A_saved_profile_loads_back_with_every_value()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        store.Save(SampleProfile());

        var p = ProfileStore.ForPath(store.Path).Load();

        Assert.Equal(1, p.SchemaVersion);
        Assert.Equal(CloseTimestamp.Parse("2023-01-01"), p.Settings.StartDate);
        Assert.Equal(TimeSpan.FromHours(6), p.Settings.LookBack);
        Assert.Equal(200, p.Settings.PageSizes["leads"]);
        Assert.Equal(100, p.Settings.PageSizes["activities"]);
        Assert.Equal("https://sandbox.close.local/api/v1/", p.Settings.BaseUri);
        Assert.Equal(["leads", "activities"], p.Settings.Streams);

        var leads = p.Bookmarks["leads"];
        Assert.Equal("date_updated", leads.Key);
        Assert.Equal(CloseTimestamp.Parse("2024-05-01T10:00:00.123456Z"), leads.Value);
        Assert.Equal(["lead_1", "lead_2"], leads.BoundaryIds);
        Assert.Equal("date_created", p.Bookmarks["activities"].Key);
        Assert.Equal("2024-05-03T00:00:00.000000Z", p.Bookmarks["activities"].Extra["window_end"]);

        var run = p.LastRun["leads"];
        Assert.Equal("leads", run.Stream);
        Assert.Equal(CloseTimestamp.Parse("2024-05-01T10:00:00Z"), run.Started);
        Assert.Equal(CloseTimestamp.Parse("2024-05-01T10:05:00.5Z"), run.Ended);
        Assert.Equal((1234L, 17L, 2L, 1L, 1L), (run.Records, run.Requests, run.Retries, run.RateLimited, run.Errors));
        Assert.Equal("Failed", run.Outcome);
        Assert.Equal("Close answered 503 after 6 retries.", run.Error);
    }

    [Fact]
    public void Defaults_survive_a_round_trip()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("empty", dir.Path);
        store.Save(new Profile());

        var p = store.Load();
        Assert.Null(p.Settings.StartDate);
        Assert.Equal(TimeSpan.FromHours(24), p.Settings.LookBack);
        Assert.Empty(p.Settings.PageSizes);
        Assert.Null(p.Settings.BaseUri);
        Assert.Null(p.Settings.Streams);
        Assert.Empty(p.Bookmarks);
        Assert.Empty(p.LastRun);
    }

    [Fact]
    public void A_missing_profile_loads_as_a_new_one_without_creating_a_file()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("new", dir.Path);

        var p = store.Load();

        Assert.Empty(p.Bookmarks);
        Assert.Equal(Profile.CurrentSchemaVersion, p.SchemaVersion);
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void Bookmarks_are_written_in_singer_shape_with_canonical_timestamps()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        store.Save(SampleProfile());

        using var doc = JsonDocument.Parse(File.ReadAllBytes(store.Path));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());

        var leads = root.GetProperty("bookmarks").GetProperty("leads");
        Assert.Equal("2024-05-01T10:00:00.123456Z", leads.GetProperty("date_updated").GetString());
        Assert.Equal(["lead_1", "lead_2"], leads.GetProperty("boundary_ids").EnumerateArray().Select(e => e.GetString()));
        var activities = root.GetProperty("bookmarks").GetProperty("activities");
        Assert.Equal("2024-05-02T00:00:00.000000Z", activities.GetProperty("date_created").GetString());
        Assert.Equal("2024-05-03T00:00:00.000000Z", activities.GetProperty("window_end").GetString());

        var settings = root.GetProperty("settings");
        Assert.Equal("2023-01-01T00:00:00.000000Z", settings.GetProperty("start_date").GetString());
        Assert.Equal("PT6H", settings.GetProperty("look_back").GetString());

        var run = root.GetProperty("last_run").GetProperty("leads");
        Assert.Equal("2024-05-01T10:05:00.500000Z", run.GetProperty("ended").GetString());
        Assert.Equal(1234, run.GetProperty("records").GetInt64());
        Assert.Equal(1, run.GetProperty("rate_limited").GetInt64());
        Assert.Equal("Failed", run.GetProperty("outcome").GetString());
    }

    [Fact]
    public void A_hand_written_singer_bookmark_without_replication_key_is_understood()
    {
        using var dir = new TempDirectory();
        var path = dir.File("hand.json");
        File.WriteAllText(path, """
            {"schema_version": 1,
             "settings": {"look_back": "1.00:00:00"},
             "bookmarks": {"leads": {"date_updated": "2024-01-02T03:04:05+00:00"},
                           "tasks": {"date_updated": "2024-01-02", "note": "from ops", "page": 3}}}
            """);

        var p = ProfileStore.ForPath(path).Load();

        Assert.Equal("date_updated", p.Bookmarks["leads"].Key);
        Assert.Equal(CloseTimestamp.Parse("2024-01-02T03:04:05Z"), p.Bookmarks["leads"].Value);
        Assert.Equal(CloseTimestamp.Parse("2024-01-02"), p.Bookmarks["tasks"].Value);
        Assert.Equal("from ops", p.Bookmarks["tasks"].Extra["note"]);
        Assert.Equal("3", p.Bookmarks["tasks"].Extra["page"]);
        Assert.Equal(TimeSpan.FromDays(1), p.Settings.LookBack);
        Assert.Empty(p.LastRun);
    }

    [Fact]
    public void The_file_is_readable_text_with_nothing_but_profile_data()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        store.Save(SampleProfile());

        var text = Encoding.UTF8.GetString(File.ReadAllBytes(store.Path));
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(
            ["schema_version", "settings", "bookmarks", "last_run"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Contains('\n', text);
    }
}
