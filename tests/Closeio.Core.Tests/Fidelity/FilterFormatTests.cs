using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using Closeio.Core.Queries;
using Closeio.Core.Tests.Support;

namespace Closeio.Core.Tests.Fidelity;

/// <summary>
/// Close's documentation writes the instants of date filters and search values with an explicit
/// <c>+00:00</c> offset; the client sends every one that way (records keep the canonical <c>Z</c> text).
/// </summary>
public sealed partial class FilterFormatTests
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")]
    private static partial Regex DocumentedInstant();

    /// <summary>Collects every date filter value and search moment the client sends.</summary>
    private sealed class DateRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public ConcurrentQueue<(string Name, string Value)> Values { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var q = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            foreach (var key in q.AllKeys)
            {
                if (key is not null && (key.Contains("date", StringComparison.Ordinal) || key.Contains("activity_at", StringComparison.Ordinal)) && key.Contains("__", StringComparison.Ordinal))
                    Values.Enqueue((key, q[key]!));
            }

            if (request.Content is not null)
            {
                var body = JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                Collect(body);
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        private void Collect(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if ((string?)o["type"] == "fixed_utc") Values.Enqueue(("fixed_utc", (string)o["value"]!));
                    foreach (var (_, child) in o) Collect(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) Collect(child);
                    break;
            }
        }
    }

    [Fact]
    public void Every_date_filter_and_search_value_is_sent_with_an_explicit_offset()
    {
        DateRecorder? recorder = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) => recorder = new DateRecorder(inner));
        var run = SyncDriver.Run(h, SyncDriver.From("leads", "activities", "tasks", "event_log"));
        Assert.Empty(run.Errors);

        var context = new QueryContext(h.Connection);
        var since = h.Clock.GetUtcNow().AddDays(-5);
        _ = new EventQuery { Since = since }.Run(context, CancellationToken.None).ToList();
        _ = new ActivityQuery { CreatedAfter = since.AddDays(-300) }.Run(context, CancellationToken.None).ToList();
        _ = new LeadQuery { UpdatedAfter = since.AddDays(-300), UpdatedBefore = since }.Run(context, CancellationToken.None).ToList();

        var values = recorder!.Values.ToList();
        Assert.Contains(values, v => v.Name == "fixed_utc");
        Assert.Contains(values, v => v.Name.StartsWith("date_created__", StringComparison.Ordinal));
        Assert.Contains(values, v => v.Name.StartsWith("date_updated__", StringComparison.Ordinal));
        Assert.All(values, v => Assert.Matches(DocumentedInstant(), v.Value));

        // Records keep the canonical text.
        Assert.All(run.Records, r => Assert.EndsWith("Z", (string)r[r.Stream == "activities" ? "date_created" : "date_updated"]!, StringComparison.Ordinal));
    }
}
