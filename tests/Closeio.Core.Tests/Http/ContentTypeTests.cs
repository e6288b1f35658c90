namespace Closeio.Core.Tests.Http;

/// <summary>Every request body goes out as exactly <c>application/json</c> (UTF-8 is JSON's default; no charset parameter).</summary>
public sealed class ContentTypeTests
{
    private sealed class ContentTypeRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public ConcurrentQueue<(string Path, string? ContentType)> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                var header = request.Content.Headers.TryGetValues("Content-Type", out var values) ? string.Join(" | ", values) : null;
                Seen.Enqueue((request.RequestUri!.AbsolutePath, header));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task Search_bodies_and_GET_overrides_say_exactly_application_json()
    {
        ContentTypeRecorder? recorder = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) => recorder = new ContentTypeRecorder(inner));

        var leads = new LeadQuery().Run(new QueryContext(h.Connection), CancellationToken.None).ToList();
        Assert.NotEmpty(leads);
        // A GET whose URL would be too long travels as a POST with {"_params": ...}.
        var ids = string.Join(',', Enumerable.Range(0, 400).Select(i => $"user_{i:D12}"));
        using (await h.Connection.Client.SendAsync(new CloseRequest(HttpMethod.Get, "user/") { Query = [new("id__in", ids)] }, CancellationToken.None))
        {
        }

        var seen = recorder!.Seen.ToList();
        Assert.Contains(seen, s => s.Path.EndsWith("/data/search/", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.Path.EndsWith("/user/", StringComparison.Ordinal));
        Assert.All(seen, s => Assert.Equal("application/json", s.ContentType));
    }
}
