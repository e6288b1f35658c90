namespace Closeio.Core.Tests.State;

public class ProfileNameTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void On_linux_and_macos_profiles_live_under_xdg_config_home()
    {
        var dir = ProfileDirectory.Default(Env(("XDG_CONFIG_HOME", "/srv/cfg"), ("HOME", "/home/ann")), isWindows: false, () => "/unused");
        Assert.Equal(Path.Combine("/srv/cfg", "closeio"), dir);
    }

    [Fact]
    public void Without_xdg_config_home_profiles_live_under_dot_config()
    {
        Assert.Equal(
            Path.Combine("/home/ann", ".config", "closeio"),
            ProfileDirectory.Default(Env(("HOME", "/home/ann")), isWindows: false, () => "/unused"));
        Assert.Equal(
            Path.Combine("/home/bob", ".config", "closeio"),
            ProfileDirectory.Default(Env(), isWindows: false, () => "/home/bob"));
    }

    [Fact]
    public void A_relative_xdg_config_home_is_ignored_as_the_spec_says()
    {
        Assert.Equal(
            Path.Combine("/home/ann", ".config", "closeio"),
            ProfileDirectory.Default(Env(("XDG_CONFIG_HOME", "cfg"), ("HOME", "/home/ann")), isWindows: false, () => "/unused"));
    }

    [Fact]
    public void On_windows_profiles_live_under_appdata()
    {
        Assert.Equal(
            Path.Combine(@"C:\Users\ann\AppData\Roaming", "Closeio"),
            ProfileDirectory.Default(Env(("APPDATA", @"C:\Users\ann\AppData\Roaming"), ("XDG_CONFIG_HOME", "/x")), isWindows: true, () => "/unused"));
    }

    [Fact]
    public void The_default_directory_of_this_machine_is_a_full_path()
    {
        var dir = ProfileStore.DefaultDirectory();
        Assert.True(Path.IsPathRooted(dir));
        Assert.EndsWith(OperatingSystem.IsWindows() ? "Closeio" : "closeio", dir);
    }

    [Fact]
    public void A_named_profile_is_a_json_file_in_the_directory()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("acme-prod_2.eu", dir.Path);
        Assert.Equal(Path.Combine(dir.Path, "acme-prod_2.eu.json"), store.Path);
        Assert.Equal("acme-prod_2.eu", store.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("my profile")]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData(@"a\b")]
    [InlineData(".hidden")]
    [InlineData("acme:prod")]
    [InlineData("acme*")]
    public void An_invalid_name_is_refused_with_a_message_saying_what_is_allowed(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => ProfileStore.ForName(name, "/tmp"));
        Assert.Contains($"'{name}'", ex.Message);
        Assert.Contains("letters, digits, '-', '_' and '.'", ex.Message);
        Assert.False(ProfileStore.IsValidName(name));
    }

    [Fact]
    public void A_profile_by_path_gets_a_full_path_and_no_name()
    {
        var store = ProfileStore.ForPath("some/relative.json");
        Assert.True(Path.IsPathRooted(store.Path));
        Assert.EndsWith(Path.Combine("some", "relative.json"), store.Path);
        Assert.Null(store.Name);
    }

    [Fact]
    public void A_directory_is_not_a_profile_path()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<ArgumentException>(() => ProfileStore.ForPath(dir.Path));
        Assert.Contains("directory", ex.Message);
    }

    [Fact]
    public void Listing_names_finds_only_profiles_sorted()
    {
        using var dir = new TempDirectory();
        foreach (var f in new[] { "globex.json", "Acme.json", "acme.json.bak", "acme.json.lock", "acme.json.lock.owner",
                     ".acme.json.0123.tmp", "notes.txt", "acme.json.corrupt-20260101T000000000Z", "bad name.json" })
        {
            File.WriteAllText(dir.File(f), "{}");
        }

        Assert.Equal(["Acme", "globex"], ProfileStore.ListNames(dir.Path));
    }

    [Fact]
    public void Listing_a_missing_directory_gives_no_names()
    {
        Assert.Empty(ProfileStore.ListNames(Path.Combine(Path.GetTempPath(), "closeio-none-" + Guid.NewGuid().ToString("N"))));
    }
}
