namespace Closeio.Core.Tests.State;

public sealed class ProfileSelectorTests
{
    [Fact]
    public void A_named_profile_wins_over_the_sessions()
    {
        var store = ProfileSelector.Select("nightly", null, "/tmp/other.json", sandbox: false);
        Assert.Equal("nightly", store.Name);
    }

    [Fact]
    public void Without_a_name_the_sessions_profile_is_used_then_default_or_sandbox()
    {
        var session = Path.Combine(Path.GetTempPath(), "session-profile.json");
        Assert.Equal(session, ProfileSelector.Select(null, null, session, sandbox: false).Path);
        Assert.Equal("default", ProfileSelector.Select(null, null, null, sandbox: false).Name);
        Assert.Equal("sandbox", ProfileSelector.Select(null, null, null, sandbox: true).Name);
    }

    [Fact]
    public void A_name_and_a_path_together_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ProfileSelector.Select("a", "/tmp/b.json", null, false));
        Assert.Throws<ArgumentException>(() => ProfileSelector.Select("../escape", null, null, false));
    }
}
