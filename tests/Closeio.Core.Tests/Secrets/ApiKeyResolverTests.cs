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

    /// <summary>A given key wins over the environment and a saved key; without one the variable is used; without either, the saved key.</summary>
    [Theory]
    [InlineData("api_given", "api_env", "api_given", ApiKeySource.Parameter)]
    [InlineData(null, " api_env \n", "api_env", ApiKeySource.EnvironmentVariable)]
    [InlineData("", "", "api_saved", ApiKeySource.SavedKey)]
    public void The_key_comes_from_the_parameter_then_the_environment_then_the_saved_key(string? given, string environment,
        string expected, ApiKeySource source)
    {
        var key = ApiKeyResolver.Resolve(given, Environment(environment), Saved("api_saved"));
        Assert.Equal((expected, source), (key.Key, key.Source));
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
