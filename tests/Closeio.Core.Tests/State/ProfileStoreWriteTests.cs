namespace Closeio.Core.Tests.State;

public class ProfileStoreWriteTests
{
    private static Profile WithLeadsAt(string timestamp)
    {
        var p = new Profile();
        p.AdvanceBookmark("leads", "date_updated", CloseTimestamp.Parse(timestamp));
        return p;
    }

    [Fact]
    public void Saving_keeps_the_previous_version_as_bak()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        store.Save(WithLeadsAt("2024-01-01"));
        var first = File.ReadAllBytes(store.Path);

        store.Save(WithLeadsAt("2024-02-01"));

        Assert.Equal(first, File.ReadAllBytes(store.Path + ".bak"));
        Assert.Equal(CloseTimestamp.Parse("2024-02-01"), store.Load().Bookmarks["leads"].Value);
        Assert.Equal(CloseTimestamp.Parse("2024-01-01"), ProfileStore.ForPath(store.Path + ".bak").Load().Bookmarks["leads"].Value);
        Assert.Equal(["acme.json", "acme.json.bak"], dir.FileNames());
    }

    [Fact]
    public void A_write_interrupted_before_the_rename_leaves_the_old_file_and_its_bak()
    {
        using var dir = new TempDirectory();
        var path = dir.File("acme.json");
        ProfileStore.ForPath(path).Save(WithLeadsAt("2024-01-01"));
        var before = File.ReadAllBytes(path);

        var crashing = ProfileStore.ForPath(path);
        crashing.BeforeCommit = _ => throw new IOException("power cut");
        Assert.Throws<IOException>(() => crashing.Save(WithLeadsAt("2024-03-01")));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(before, File.ReadAllBytes(path + ".bak"));
        Assert.Equal(["acme.json", "acme.json.bak"], dir.FileNames());
    }

    [Fact]
    public void The_new_contents_are_complete_on_disk_before_the_rename()
    {
        using var dir = new TempDirectory();
        var path = dir.File("acme.json");
        byte[]? tempAtCommit = null;
        var store = ProfileStore.ForPath(path);
        store.BeforeCommit = temp => tempAtCommit = File.ReadAllBytes(temp);

        store.Save(WithLeadsAt("2024-03-01"));

        Assert.NotNull(tempAtCommit);
        Assert.Equal(File.ReadAllBytes(path), tempAtCommit);
    }

    [Fact]
    public void A_serializer_failure_changes_nothing_on_disk()
    {
        using var dir = new TempDirectory();
        var path = dir.File("acme.json");
        ProfileStore.ForPath(path).Save(WithLeadsAt("2024-01-01"));
        var before = File.ReadAllBytes(path);

        var broken = WithLeadsAt("2024-05-01");
        broken.Bookmarks["tasks"] = null!;
        var ex = Assert.Throws<ArgumentException>(() => ProfileStore.ForPath(path).Save(broken));
        Assert.Contains("'tasks'", ex.Message);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["acme.json"], dir.FileNames());
    }

    [Fact]
    public void A_temp_file_left_by_a_crashed_write_does_not_get_in_the_way()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        store.Save(WithLeadsAt("2024-01-01"));
        File.WriteAllText(dir.File(".acme.json.0123456789abcdef0123456789abcdef.tmp"), "{\"schema_ver");

        Assert.Equal(CloseTimestamp.Parse("2024-01-01"), store.Load().Bookmarks["leads"].Value);
        store.Save(WithLeadsAt("2024-02-01"));

        Assert.Equal(CloseTimestamp.Parse("2024-02-01"), store.Load().Bookmarks["leads"].Value);
        Assert.Equal(["acme"], ProfileStore.ListNames(dir.Path));
    }

    [Fact]
    public void Saving_creates_the_profile_directory()
    {
        using var dir = new TempDirectory();
        var nested = Path.Combine(dir.Path, "config", "closeio");
        var store = ProfileStore.ForName("acme", nested);

        store.Save(WithLeadsAt("2024-01-01"));

        Assert.True(File.Exists(Path.Combine(nested, "acme.json")));
    }

    [Theory]
    [InlineData(-1, 200)]
    [InlineData(24, 0)]
    public void Settings_that_could_not_be_read_back_are_never_written(int lookBackHours, int leadsPageSize)
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme", dir.Path);
        var p = WithLeadsAt("2024-01-01");
        p.Settings.LookBack = TimeSpan.FromHours(lookBackHours);
        p.Settings.PageSizes["leads"] = leadsPageSize;

        Assert.Throws<ArgumentException>(() => store.Save(p));
        Assert.Empty(dir.FileNames());
    }
}
