using Closeio.Core.Tests.Sync;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// An API (or plan) without one custom-field kind's endpoint answers 404 there: the run must still
/// deliver every stream, with the other kinds' fields, instead of failing whole.
/// </summary>
public sealed class MissingCustomFieldKindTests
{
    private sealed class NotFoundFor(string pathPart, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath.Contains(pathPart, StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
                {
                    Content = new StringContent("{\"error\": \"Not found\"}", System.Text.Encoding.UTF8, "application/json"),
                })
                : base.SendAsync(request, cancellationToken);
    }

    [Fact]
    public void A_kind_whose_endpoint_answers_404_is_skipped_and_every_stream_completes()
    {
        using var h = SandboxHarness.Create(wrap: (_, inner) => new NotFoundFor("/custom_field/shared/", inner));
        var run = SyncDriver.Run(h, SyncDriver.From("leads", "custom_fields"));

        Assert.Empty(run.Errors);
        Assert.All(run.Summaries, s => Assert.Equal("completed", s.Outcome));
        Assert.Equal(FullSyncTests.Expected(h.Organization, "leads").Count(), run.Of("leads").Count());

        var kinds = run.Of("custom_fields").Select(r => (string?)r["kind"]).Distinct().ToList();
        Assert.Contains("lead", kinds);
        Assert.DoesNotContain("shared", kinds);
        var expectedWithoutShared = new[] { "lead", "contact", "opportunity", "activity", "custom_object_type" }.Sum(k => h.Organization.CustomFields(k).Count());
        Assert.Equal(expectedWithoutShared, run.Of("custom_fields").Count());
    }
}
