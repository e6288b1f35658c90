using System.Text.RegularExpressions;

namespace Closeio.Core.Tests.Sync;

/// <summary>A sync waits a little past every reset it is told, so a reset rounded down costs no second 429.</summary>
public sealed partial class RateLimitMarginTests
{
    private static readonly string[] AllStreams = ["leads", "activities", "tasks", "users", "custom_fields", "event_log"];

    private static SandboxApiOptions Limited(int perWindow) => new()
    {
        RateLimit = new RateLimitOptions { RequestsPerWindow = perWindow, Window = TimeSpan.FromSeconds(1) },
        HintStyle = RateLimitHintStyle.RateLimitHeader,
    };

    [Fact]
    public void A_reset_rounded_down_costs_a_concurrent_sync_no_429s()
    {
        AnswerLog? log = null;
        using var h = SandboxHarness.Create(
            new SandboxOptions { Leads = 60, Activities = 400, Tasks = 120 },
            Limited(3),
            // 37 ms of "latency" per request puts the answers that spend a window at odd instants.
            (api, inner) => new RoundResetDown(log = new AnswerLog(api.Organization.Clock,
                new ClockStepHandler((SandboxClock)api.Organization.Clock, TimeSpan.FromMilliseconds(37), inner))));

        var run = SyncDriver.Run(h, new SyncRequest
        {
            Streams = AllStreams,
            StartDate = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Concurrency = 3,
            Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { ["activities"] = 20, ["tasks"] = 20, ["leads"] = 10 } },
        });

        Assert.Empty(run.Errors);
        Assert.Equal(FullSyncTests.Expected(h.Organization, "activities").Count(), run.Of("activities").Count());
        var limited = log!.Answers.Where(a => a.Status == 429).ToList();
        Assert.True(limited.Count == 0, $"{limited.Count} 429s of {log.Answers.Count} answers: " +
            string.Join(", ", limited.Take(10).Select(a => $"{a.At:HH:mm:ss.fff} {a.Path}")));
    }

    /// <summary>Writes the RateLimit header's reset rounded down to a tenth of a second, as a coarse server might.</summary>
    private sealed partial class RoundResetDown(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Headers.TryGetValues("RateLimit", out var values))
            {
                var text = ResetPattern().Replace(string.Join(", ", values), m =>
                {
                    var seconds = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    return "reset=" + (Math.Floor(seconds * 10) / 10).ToString("0.0", CultureInfo.InvariantCulture);
                });
                response.Headers.Remove("RateLimit");
                response.Headers.TryAddWithoutValidation("RateLimit", text);
            }

            return response;
        }

        [GeneratedRegex(@"reset=([0-9.]+)")]
        private static partial Regex ResetPattern();
    }
}
