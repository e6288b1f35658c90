using Closeio.Core.Tests.Sync;

namespace Closeio.Core.Tests.Sync;

/// <summary>
/// The fault matrix: each stream × each fault × where it strikes (the first, a middle or the last
/// page of the stream's endpoint), through the loopback Sandbox and the client's own transport. Each
/// cell either completes with every record, or stops with a clear error and a bookmark that passed
/// nothing unread; a rerun without the fault then completes, and between them every record came.
/// </summary>
public sealed class FaultMatrixProofs(ITestOutputHelper output)
{
    public enum Fault
    {
        RateLimitHeader429, RetryAfter429, BodyTopLevel429, BodyInError429, LegacyHeaders429, NoHint429, RotatingHints429,
        ServerErrorBurst, ServerErrorsPastRetries, HangPastTimeout, DroppedConnection,
        TruncatedBody, EmptyBody, GzipCorruptBody, HtmlBody, EmptyPageWithMore, BadOrExpiredCursor, MaxSkip, Redirect,
    }

    public enum Where { First, Middle, Last }

    private const int MaxRetries = 3;
    private static readonly TimeSpan HangTimeout = TimeSpan.FromMilliseconds(750);

    /// <summary>The endpoint group whose pages a stream reads, and its page size here (small, so several pages).</summary>
    private static readonly Dictionary<string, (string Group, int PageSize)> Streams = new()
    {
        ["leads"] = ("POST /data/search/", 6),
        ["activities"] = ("GET /activity/", 25),
        ["tasks"] = ("GET /task/", 8),
        ["users"] = ("GET /user/", 2),
        ["custom_fields"] = ("GET /custom_field/lead/", 2),
        ["event_log"] = ("GET /event/", 40),
    };

    public static TheoryData<string, Fault> Cells()
    {
        var cells = new TheoryData<string, Fault>();
        foreach (var stream in Streams.Keys)
            foreach (var fault in Enum.GetValues<Fault>().Where(f => Applies(stream, f)))
                cells.Add(stream, fault);
        return cells;
    }

    /// <summary>
    /// Faults that exist only for some kinds of endpoint: cursors (search, events), _skip (the others), and
    /// an empty page that says more follow (search answers carry no has_more; an empty one with a cursor is not modelled).
    /// </summary>
    private static bool Applies(string stream, Fault fault) => fault switch
    {
        Fault.BadOrExpiredCursor => stream is "leads" or "event_log",
        Fault.MaxSkip => stream is not ("leads" or "event_log"),
        Fault.EmptyPageWithMore => stream != "leads",
        _ => true,
    };

    private static SandboxOptions Organization() => new() { Seed = 5, Users = 7, Leads = 40, Activities = 150, Tasks = 40, HistoryDays = 20 };

    private static SyncRequest Request(string stream) => new()
    {
        Streams = [stream],
        StartDate = SyncDriver.From().StartDate,
        Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { [stream] = Streams[stream].PageSize } },
    };

    private static SandboxApiOptions ApiOptions(Fault fault, int maxSkip) => new()
    {
        HintStyle = fault switch
        {
            Fault.RetryAfter429 => RateLimitHintStyle.RetryAfter,
            Fault.BodyTopLevel429 => RateLimitHintStyle.BodyTopLevel,
            Fault.BodyInError429 => RateLimitHintStyle.BodyInError,
            Fault.LegacyHeaders429 => RateLimitHintStyle.LegacyXRateLimit,
            Fault.NoHint429 => RateLimitHintStyle.None,
            Fault.RotatingHints429 => RateLimitHintStyle.Rotate,
            _ => RateLimitHintStyle.RateLimitHeader,
        },
        MaxSkip = maxSkip,
        CursorExpiry = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Every_cell_completes_or_stops_clearly_without_passing_an_unread_record(string stream, Fault fault)
    {
        var (group, pageSize) = Streams[stream];
        long pages;
        using (var clean = SandboxHarness.StartLoopback(Organization(), ApiOptions(fault, 250_000)))
        {
            clean.Clock.Advance(TimeSpan.FromMinutes(1)); // nothing at the run's upper bound
            var run = SyncDriver.Run(clean.Connection, clean.Store, Request(stream));
            Assert.Empty(run.Errors);
            pages = clean.Api.Counters.Count(group);
        }

        Assert.True(pages >= 3, $"{stream} should take several pages of {group}, not {pages}");
        var outcomes = new List<string>();
        foreach (var where in Enum.GetValues<Where>())
        {
            var at = where switch { Where.First => 0, Where.Middle => (int)(pages / 2), _ => (int)pages - 1 };
            outcomes.Add($"{where}: {Cell(stream, fault, group, pageSize, at)}");
        }

        output.WriteLine($"{stream} × {fault} ({pages} pages of {group}): {string.Join("; ", outcomes)}; records lost: 0");
    }

    private string Cell(string stream, Fault fault, string group, int pageSize, int at)
    {
        // max_skip: the page at `at` is the first whose _skip lies above the maximum (the first page never can).
        var maxSkip = fault == Fault.MaxSkip ? Math.Max(0, at * pageSize - 1) : 250_000;
        var expiring = fault == Fault.BadOrExpiredCursor && stream == "leads";
        StrikeHandler? strike = null;
        using var h = SandboxHarness.StartLoopback(Organization(), ApiOptions(fault, maxSkip),
            wrap: expiring ? (api, inner) => strike = new StrikeHandler(api.Organization.Clock, group, Math.Max(1, at), inner) : null,
            maxRetries: MaxRetries,
            requestTimeout: fault == Fault.HangPastTimeout ? HangTimeout : null);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Api.Faults.SlowAnswerDelay = TimeSpan.FromSeconds(3);
        h.Api.Faults.TooManyRequestsReset = 1.5;
        var expected = FullSyncTests.Expected(h.Organization, stream).ToHashSet();
        if (Script(stream, fault) is { } script)
            h.Api.Faults.Script(group, [.. Enumerable.Repeat<SandboxFault?>(null, at), .. script]);

        var first = SyncDriver.Run(h.Connection, h.Store, Request(stream));
        // Answers other than 200 the stream's endpoint gave (0: a dropped connection): proof the fault struck.
        var met = h.Api.Counters.Snapshot().Where(c => c.Group == group && c.Status != 200).Sum(c => c.Requests);

        var delivered = first.Records.Select(r => (r.Id, r.Key)).ToHashSet();
        var summary = Assert.Single(first.Summaries);
        string outcome;
        if (!first.Errors.Any())
        {
            Assert.Equal("completed", summary.Outcome);
            var missing = expected.Where(e => !delivered.Contains(e)).ToList();
            Assert.True(missing.Count == 0, $"{stream} × {fault} at page {at}: completed without {FullSyncTests.Describe(missing)}");
            outcome = $"completed ({delivered.Count} records)";
        }
        else
        {
            Assert.Equal("failed", summary.Outcome);
            var message = Assert.Single(first.Errors).Error.Message;
            Assert.False(string.IsNullOrWhiteSpace(message));
            Assert.DoesNotContain(h.Api.Options.ApiKey, message);
            if (h.Store.Load().Bookmarks.TryGetValue(stream, out var bookmark) && bookmark.Value is { } b)
            {
                var unread = expected.Where(e => (e.Key < b || (e.Key == b && bookmark.BoundaryIds.Contains(e.Id))) && !delivered.Contains(e)).ToList();
                Assert.True(unread.Count == 0, $"{stream} × {fault} at page {at}: the bookmark ({b:O}) passed undelivered records: {FullSyncTests.Describe(unread)}");
            }

            h.Api.Faults.Clear();
            h.Api.Options.MaxSkip = 250_000; // Close's own maximum: a page-all stream cannot narrow below it
            if (strike is not null) strike.Armed = false;
            var again = SyncDriver.Run(h.Connection, h.Store, Request(stream));
            Assert.True(!again.Errors.Any(), $"{stream} × {fault} at page {at}: the rerun failed too: {again.Errors.FirstOrDefault()?.Error.Message}");
            delivered.UnionWith(again.Records.Select(r => (r.Id, r.Key)));
            var missing = expected.Where(e => !delivered.Contains(e)).ToList();
            Assert.True(missing.Count == 0, $"{stream} × {fault} at page {at}: after the rerun still missing {FullSyncTests.Describe(missing)}");
            outcome = $"stopped ({first.Records.Count} records) \"{Shorten(message)}\", rerun completed";
        }

        outcome += $", {met} faulty answers";
        if (Script(stream, fault) is not null && h.Api.Faults.PendingScripted > 0)
            outcome += " (fault not reached)";
        return outcome;
    }

    /// <summary>The answers that strike at the chosen page (null: the fault comes from the options or the clock instead).</summary>
    private static SandboxFault?[]? Script(string stream, Fault fault) => fault switch
    {
        Fault.RateLimitHeader429 or Fault.RetryAfter429 or Fault.BodyTopLevel429 or Fault.BodyInError429 or
            Fault.LegacyHeaders429 or Fault.NoHint429 => [SandboxFault.TooManyRequests, SandboxFault.TooManyRequests],
        Fault.RotatingHints429 => [SandboxFault.TooManyRequests, SandboxFault.TooManyRequests, SandboxFault.TooManyRequests],
        // As many as the client retries: the last attempt gets through.
        Fault.ServerErrorBurst => [SandboxFault.InternalServerError, SandboxFault.BadGateway, SandboxFault.GatewayTimeout],
        Fault.ServerErrorsPastRetries => Enumerable.Repeat<SandboxFault?>(SandboxFault.ServiceUnavailable, MaxRetries + 1).ToArray(),
        Fault.HangPastTimeout => [SandboxFault.SlowAnswer],
        Fault.DroppedConnection => [SandboxFault.DroppedConnection],
        Fault.TruncatedBody => [SandboxFault.TruncatedBody],
        Fault.EmptyBody => [SandboxFault.EmptyBody],
        Fault.GzipCorruptBody => [SandboxFault.GzipCorruptBody],
        Fault.HtmlBody => [SandboxFault.HtmlBody],
        Fault.EmptyPageWithMore => [stream == "event_log" ? SandboxFault.EventEmptyPageWithMore : SandboxFault.EmptyPageWithMore],
        Fault.BadOrExpiredCursor when stream == "event_log" => [SandboxFault.EventUnknownCursor],
        Fault.Redirect => [SandboxFault.Redirect],
        _ => null,
    };

    private static string Shorten(string message) => message.Length <= 90 ? message : message[..90] + "…";

    /// <summary>Before the n-th request of a group, moves the clock past any search cursor's life: it expires.</summary>
    private sealed class StrikeHandler(TimeProvider clock, string group, int n, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _seen;

        public bool Armed { get; set; } = true;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (Armed && group.EndsWith(" " + path[path.IndexOf("/api/v1", StringComparison.Ordinal)..].Replace("/api/v1", ""), StringComparison.Ordinal)
                && _seen++ == n)
                ((SandboxClock)clock).Advance(TimeSpan.FromSeconds(31));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
