namespace Closeio.Core.Tests.State;

public class ConnectionSettingsTests
{
    [Fact]
    public void Saved_connection_settings_load_back_and_keep_the_bookmarks()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("nightly", dir.Path);
        var profile = new Profile();
        profile.AdvanceBookmark("leads", "date_updated", CloseTimestamp.Parse("2024-05-01T10:00:00Z"));
        store.Save(profile);

        ConnectionSettings.Save(store, new ConnectionSettings
        {
            BaseUri = new Uri("https://close.example.test/api/v1/"),
            Proxy = new Uri("http://127.0.0.1:3128/"),
            ProxyUseDefaultCredentials = true,
            RequestTimeout = TimeSpan.FromSeconds(30),
            MaxRetries = 2,
        });

        var saved = ConnectionSettings.Load(ProfileStore.ForPath(store.Path));
        Assert.Equal(new Uri("https://close.example.test/api/v1/"), saved.BaseUri);
        Assert.Equal(new Uri("http://127.0.0.1:3128/"), saved.Proxy);
        Assert.True(saved.ProxyUseDefaultCredentials);
        Assert.Equal(TimeSpan.FromSeconds(30), saved.RequestTimeout);
        Assert.Equal(2, saved.MaxRetries);
        Assert.Equal(CloseTimestamp.Parse("2024-05-01T10:00:00Z"), store.Load().Bookmarks["leads"].Value);
    }

    [Fact]
    public void A_later_save_changes_only_the_values_it_sets()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("p", dir.Path);
        ConnectionSettings.Save(store, new ConnectionSettings { BaseUri = new Uri("https://a.example.test/api/v1/"), Proxy = new Uri("http://127.0.0.1:8080/") });
        ConnectionSettings.Save(store, new ConnectionSettings { RequestTimeout = TimeSpan.FromSeconds(5) });

        var saved = ConnectionSettings.Load(store);
        Assert.Equal(new Uri("https://a.example.test/api/v1/"), saved.BaseUri);
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), saved.Proxy);
        Assert.Equal(TimeSpan.FromSeconds(5), saved.RequestTimeout);
        Assert.Null(saved.MaxRetries);
    }

    [Fact]
    public void Given_settings_win_over_saved_ones_value_by_value()
    {
        var saved = new ConnectionSettings { BaseUri = new Uri("https://saved.example.test/api/v1/"), Proxy = new Uri("http://127.0.0.1:1/") };
        var merged = new ConnectionSettings { BaseUri = new Uri("https://given.example.test/api/v1/") }.Over(saved);
        Assert.Equal(new Uri("https://given.example.test/api/v1/"), merged.BaseUri);
        Assert.Equal(new Uri("http://127.0.0.1:1/"), merged.Proxy);
    }

    [Fact]
    public void A_profile_without_connection_settings_reads_as_unset_and_no_secret_is_written()
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("old", dir.Path);
        File.WriteAllText(store.Path, """{ "schema_version": 1, "settings": { "base_uri": null } }""");
        Assert.True(ConnectionSettings.Load(store).IsEmpty);

        ConnectionSettings.Save(store, new ConnectionSettings { Proxy = new Uri("http://127.0.0.1:3128/") });
        var text = File.ReadAllText(store.Path);
        Assert.Contains("\"proxy\": \"http://127.0.0.1:3128/\"", text);
        Assert.DoesNotContain("key", text.Replace("replication_key", ""), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("\"request_timeout\": \"PT0S\"")]
    [InlineData("\"max_retries\": -1")]
    [InlineData("\"proxy_use_default_credentials\": \"yes\"")]
    public void A_bad_connection_setting_is_reported_as_a_corrupt_profile(string setting)
    {
        using var dir = new TempDirectory();
        var store = ProfileStore.ForName("bad", dir.Path);
        File.WriteAllText(store.Path, $$"""{ "schema_version": 1, "settings": { {{setting}} } }""");
        Assert.Throws<ProfileCorruptException>(() => ConnectionSettings.Load(store));
    }
}
