namespace Closeio.Core.Tests.Http;

public sealed class RequestLogRelayTests
{
    private static RequestLogEntry Entry(string path) => new("GET", path, 200, TimeSpan.Zero, 1, "GET x/", null);

    [Fact]
    public void Entries_are_kept_only_while_someone_listens()
    {
        var relay = new RequestLogRelay();
        relay.Log(Entry("a/"));
        using (relay.Listen())
        {
            relay.Log(Entry("b/"));
            Assert.Equal(new[] { "b/" }, relay.Drain().Select(e => e.Path));
            Assert.Empty(relay.Drain());
        }

        relay.Log(Entry("c/"));
        Assert.Empty(relay.Drain());
    }
}
