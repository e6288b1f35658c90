namespace Closeio.Core.Tests.State;

public class ProfileCorruptionTests
{
    private static Profile Fresh()
    {
        var p = new Profile();
        p.AdvanceBookmark("leads", "date_updated", CloseTimestamp.Parse("2024-06-01"));
        return p;
    }

    public static TheoryData<string, string> Unreadable => new()
    {
        { "{\"schema_version\": 1, \"bookmarks\": {", "not valid JSON" },
        { "", "empty" },
        { "[1, 2]", "not an object" },
        { "{\"bookmarks\": {}}", "schema_version" },
        { "{\"schema_version\": \"one\"}", "schema_version" },
        { "{\"schema_version\": 0}", "schema_version 0" },
        { "{\"schema_version\": 1, \"bookmarks\": []}", "bookmarks must be a JSON object" },
        { "{\"schema_version\": 1, \"bookmarks\": {\"leads\": {\"date_updated\": \"yesterday\"}}}", "bookmarks.leads" },
        { "{\"schema_version\": 1, \"bookmarks\": {\"leads\": {\"replication_key\": \"date_updated\", \"date_updated\": 5}}}", "bookmarks.leads.date_updated" },
        { "{\"schema_version\": 1, \"settings\": {\"page_sizes\": {\"leads\": -1}}}", "settings.page_sizes.leads" },
        { "{\"schema_version\": 1, \"settings\": {\"look_back\": \"a while\"}}", "settings.look_back" },
        { "{\"schema_version\": 1, \"last_run\": {\"leads\": {\"records\": \"many\"}}}", "last_run.leads.records" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void An_unreadable_profile_is_reported_with_its_path_and_the_problem_and_left_byte_identical(string contents, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.File("acme.json");
        File.WriteAllText(path, contents);
        var before = File.ReadAllBytes(path);
        var store = ProfileStore.ForPath(path);

        var ex = Assert.Throws<ProfileCorruptException>(() => store.Load());

        Assert.Equal(path, ex.Path);
        Assert.Contains(path, ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.Contains(problem, ex.Reason);

        // Saving over it is refused too, and nothing on disk changes.
        Assert.Throws<ProfileCorruptException>(() => store.Save(Fresh()));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["acme.json"], dir.FileNames());
    }

    [Fact]
    public void A_profile_from_a_newer_schema_is_refused_and_never_overwritten()
    {
        using var dir = new TempDirectory();
        var path = dir.File("acme.json");
        File.WriteAllText(path, """{"schema_version": 2, "bookmarks": {"leads": {"cursor": "opaque"}}}""");
        var before = File.ReadAllBytes(path);
        var store = ProfileStore.ForPath(path);

        var ex = Assert.Throws<ProfileCorruptException>(() => store.Load());
        Assert.Contains("newer", ex.Message);
        Assert.Contains("schema version 2", ex.Message);

        Assert.Throws<ProfileCorruptException>(() => store.Save(Fresh()));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Forcing_a_save_over_a_corrupt_profile_keeps_a_copy_first()
    {
        using var dir = new TempDirectory();
        var path = dir.File("acme.json");
        File.WriteAllText(path, "{ not json");
        var corrupt = File.ReadAllBytes(path);
        var store = ProfileStore.ForPath(path);
        store.Time = new FixedTime(new DateTimeOffset(2026, 11, 22, 7, 30, 0, TimeSpan.Zero));

        store.Save(Fresh(), force: true);

        Assert.Equal(CloseTimestamp.Parse("2024-06-01"), store.Load().Bookmarks["leads"].Value);
        Assert.Equal(corrupt, File.ReadAllBytes(path + ".corrupt-20261122T073000000Z"));
        // The .bak is for good versions only; a corrupt file never becomes the backup.
        Assert.Equal(["acme.json", "acme.json.corrupt-20261122T073000000Z"], dir.FileNames());
    }

    [Fact]
    public void A_corrupt_profile_edited_in_after_loading_is_still_not_overwritten()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        store.Save(Fresh());
        var profile = store.Load();

        File.WriteAllText(store.Path, "{\"schema_version\": 1, \"bookmarks\": {\"leads\": ");
        var before = File.ReadAllBytes(store.Path);

        Assert.Throws<ProfileCorruptException>(() => store.Save(profile));
        Assert.Equal(before, File.ReadAllBytes(store.Path));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
