namespace Closeio.Core.Tests.Secrets;

public sealed class ApiKeyResolverTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "closeio-resolve-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static Func<string, string?> Environment(string? value) =>
        name => name == ApiKeyResolver.EnvironmentVariable ? value : null;

    private ApiKeyStore Saved(string? key)
    {
        var store = ApiKeyStore.ForProfile(Path.Combine(_directory, "p.json"));
        if (key is not null) store.Save(key);
        return store;
    }

    [Fact]
    public void A_given_key_wins_over_the_environment_and_a_saved_key()
    {
        var key = ApiKeyResolver.Resolve("api_given", Environment("api_env"), Saved("api_saved"));
        Assert.Equal(("api_given", ApiKeySource.Parameter), (key.Key, key.Source));
    }

    [Fact]
    public void Without_a_given_key_the_environment_variable_is_used()
    {
        var key = ApiKeyResolver.Resolve(null, Environment(" api_env \n"), Saved("api_saved"));
        Assert.Equal(("api_env", ApiKeySource.EnvironmentVariable), (key.Key, key.Source));
    }

    [Fact]
    public void Without_a_given_key_or_the_variable_the_saved_key_is_used()
    {
        var key = ApiKeyResolver.Resolve("", Environment(""), Saved("api_saved"));
        Assert.Equal(("api_saved", ApiKeySource.SavedKey), (key.Key, key.Source));
    }

    [Fact]
    public void With_no_key_anywhere_the_error_says_where_to_put_one_instead_of_prompting()
    {
        var store = Saved(null);
        var error = Assert.Throws<ApiKeyMissingException>(() => ApiKeyResolver.Resolve(null, Environment(null), store));
        Assert.Contains("CLOSEIO_API_KEY", error.Message);
        Assert.Contains("-Sandbox", error.Message);
        Assert.Contains(store.Path, error.Message);
    }

    [Fact]
    public void The_resolved_key_does_not_show_itself()
    {
        var key = ApiKeyResolver.Resolve("api_quiet", Environment(null), null);
        Assert.DoesNotContain("api_quiet", key.ToString());
    }
}
