namespace Closeio.Core.Tests.Secrets;

public sealed class ApiKeyStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "closeio-keys-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private ApiKeyStore StoreFor(string profile) => ApiKeyStore.ForProfile(Path.Combine(_directory, profile + ".json"));

    [Fact]
    public void A_saved_key_loads_back_unchanged()
    {
        var store = StoreFor("nightly");
        store.Save("api_1234567890abcdef");
        Assert.Equal("api_1234567890abcdef", StoreFor("nightly").Load());
    }

    [Fact]
    public void Nothing_is_saved_until_asked_and_loading_then_gives_null()
    {
        var store = StoreFor("never-saved");
        Assert.False(store.Exists);
        Assert.Null(store.Load());
    }

    [Fact]
    public void The_key_file_sits_beside_its_profile()
    {
        var store = StoreFor("acme");
        Assert.Equal(Path.Combine(_directory, "acme.apikey"), store.Path);
    }

    [Fact]
    public void The_key_text_never_appears_in_the_file_as_is()
    {
        var store = StoreFor("plain-check");
        store.Save("api_VISIBLE_SECRET_TEXT");
        Assert.DoesNotContain("api_VISIBLE_SECRET_TEXT", File.ReadAllText(store.Path));
    }

    [Fact]
    public void On_unix_the_key_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var store = StoreFor("mode");
        store.Save("api_mode_check");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
    }

    [Fact]
    public void Saving_again_replaces_the_key_and_keeps_the_mode()
    {
        var store = StoreFor("replace");
        store.Save("api_first");
        store.Save("api_second");
        Assert.Equal("api_second", store.Load());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void On_unix_a_key_file_others_can_read_is_refused_without_showing_the_key()
    {
        if (OperatingSystem.IsWindows()) return;
        var store = StoreFor("open");
        store.Save("api_too_open");
        File.SetUnixFileMode(store.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var error = Assert.Throws<SavedApiKeyException>(() => store.Load());
        Assert.Contains("chmod 600", error.Message);
        Assert.DoesNotContain("api_too_open", error.Message);
    }

    [Fact]
    public void A_damaged_key_file_is_reported_not_guessed_at()
    {
        Directory.CreateDirectory(_directory);
        var store = StoreFor("damaged");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(store.Path, options))) writer.Write("hello");
        Assert.Throws<SavedApiKeyException>(() => store.Load());
    }

    [Fact]
    public void Remove_forgets_the_key()
    {
        var store = StoreFor("remove");
        store.Save("api_remove");
        Assert.True(store.Remove());
        Assert.Null(store.Load());
        Assert.False(store.Remove());
    }

    [Fact]
    public void ToString_names_the_file_not_the_key()
    {
        var store = StoreFor("tostring");
        store.Save("api_hidden");
        Assert.DoesNotContain("api_hidden", store.ToString());
    }
}
