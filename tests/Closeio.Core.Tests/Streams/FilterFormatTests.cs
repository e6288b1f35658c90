using System.Text.RegularExpressions;
using System.Web;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// Close's documentation writes the instants of date filters with an explicit <c>+00:00</c> offset; the
/// client sends every one that way (records keep the canonical <c>Z</c> text). Search moments
/// (<c>fixed_utc</c>) are another matter: Close is reported to refuse
/// <c>2025-03-18T15:49:14.689000+00:00</c> and accept <c>2025-03-18T15:49:14.689Z</c>, so they go as
/// <c>toISOString()</c> writes them, and the exact bounds are kept client-side.
/// </summary>
public sealed partial class FilterFormatTests
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")]
    private static partial Regex DocumentedInstant();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex IsoStringInstant();

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
    public void Every_date_filter_is_sent_with_an_explicit_offset_and_every_search_moment_with_milliseconds_and_Z()
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
        Assert.All(values.Where(v => v.Name != "fixed_utc"), v => Assert.Matches(DocumentedInstant(), v.Value));
        Assert.All(values.Where(v => v.Name == "fixed_utc"), v => Assert.Matches(IsoStringInstant(), v.Value));

        // Records keep the canonical text.
        Assert.All(run.Records, r => Assert.EndsWith("Z", (string)r[r.Stream == "activities" ? "date_created" : "date_updated"]!, StringComparison.Ordinal));
    }

    [Fact]
    public void Lead_search_bounds_rounded_to_the_millisecond_return_exactly_the_leads_in_the_asked_range()
    {
        using var h = SandboxHarness.Create(new Closeio.Sandbox.SandboxOptions { Leads = 5, Activities = 10, Tasks = 5 });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var t0 = h.Clock.GetUtcNow();
        var t = t0.AddTicks(-(t0.UtcTicks % TimeSpan.TicksPerMillisecond)).AddMilliseconds(1);   // a whole millisecond
        var made = new List<(string Id, DateTimeOffset At)>();
        foreach (var micros in new[] { 100, 300, 500, 700, 1_100, 1_300, 1_500, 1_700 })
        {
            h.Clock.Advance(t.AddTicks(micros * 10) - h.Clock.GetUtcNow());
            made.Add((h.Organization.CreateLead().Id, h.Clock.GetUtcNow()));
        }

        var after = t.AddTicks(3_000);    // 300 microseconds past the whole millisecond
        var before = t.AddTicks(13_000);  // 1,300 microseconds past it
        var leads = new LeadQuery { UpdatedAfter = after, UpdatedBefore = before }
            .Run(new QueryContext(h.Connection), CancellationToken.None).ToList();

        Assert.Equal(made.Where(m => m.At >= after && m.At < before).Select(m => m.Id), leads.Select(l => l.Id));
    }
}
