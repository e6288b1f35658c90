namespace Closeio.Core.Tests.Sync;

/// <summary>
/// A server whose answers carry no <c>Date</c> header leaves the run's clock to the local one, which may
/// run ahead of the server's: the activities watermark must then stay far enough back that an edit made
/// after the run (by the server's clock) still comes again.
/// </summary>
public sealed class MissingDateHeaderTests
{
    /// <summary>Removes the Date header from every answer while <see cref="Strip"/> is set.</summary>
    private sealed class WithoutDate(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public bool Strip { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (Strip) answer.Headers.Date = null;
            return answer;
        }
    }

    /// <summary>The Sandbox's clock, shifted: a local clock that runs ahead of the server's.</summary>
    private sealed class AheadClock(TimeProvider inner, TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + ahead;
        public override long GetTimestamp() => inner.GetTimestamp();
        public override long TimestampFrequency => inner.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }

    private static SyncOutcomeReport Run(CloseConnection connection, SandboxHarness h, SyncRequest request)
    {
        var report = new SyncOutcomeReport();
        using var session = SyncSession.Start(connection, h.Store, request, CancellationToken.None);
        foreach (var e in session.Events())
        {
            if (e is RecordEvent r)
            {
                report.Records.Add(r.Record);
                session.Accept(r.Record);
                continue;
            }

            report.Events.Add(e);
        }

        report.Summaries = session.Complete();
        report.Completed = true;
        return report;
    }

    [Fact]
    public void An_edit_after_the_run_comes_again_when_the_local_clock_runs_ahead_and_no_Date_header_says_so()
    {
        WithoutDate? withoutDate = null;
        using var h = SandboxHarness.Create(new SandboxOptions { Leads = 20, Activities = 300, Tasks = 10, HistoryDays = 10 },
            wrap: (_, inner) => withoutDate = new WithoutDate(inner));
        // Connected while the server still sent a Date: the client has a LastServerDate that is no answer of the run's.
        using var connection = CloseConnection.ConnectAsync(new CloseConnectionOptions
        {
            BaseUri = SandboxApi.InProcessBaseUri,
            ApiKey = h.Api.Options.ApiKey,
            Handler = withoutDate,
            TimeProvider = new AheadClock(h.Clock, TimeSpan.FromMinutes(2)),
        }, CancellationToken.None).GetAwaiter().GetResult();
        Assert.NotNull(connection.Client.LastServerDate);
        withoutDate!.Strip = true;
        // Long enough after connecting that the run asks me/ itself (a connect's answer stands in only while fresh).
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var request = new SyncRequest { Streams = ["activities"], StartDate = SyncDriver.From().StartDate };
        var first = Run(connection, h, request);
        Assert.Empty(first.Errors);
        Assert.NotEmpty(first.Records);
        Assert.Single(first.Events.OfType<LogEvent>(), e => e.Message.Contains("no Date header", StringComparison.Ordinal));
        var bookmark = h.Store.Load().Bookmarks["activities"].Value!.Value;

        // Edited 30 s after the run by the server's clock: before the local clock's upper bound, inside the look-back.
        var old = h.Organization.Activities(bookmark.AddHours(-12), bookmark.AddHours(-1)).First();
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var edited = h.Organization.UpdateActivity(old.Id);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = Run(connection, h, request);

        Assert.Empty(second.Errors);
        var delivered = Assert.Single(second.Records, r => r.Id == old.Id);
        Assert.Equal(CloseTimestamp.Format(edited.DateUpdated), delivered["date_updated"]);
    }

    [Fact]
    public void With_a_Date_header_the_watermark_stays_one_second_below_the_upper_bound()
    {
        using var h = SandboxHarness.Create(new SandboxOptions { Leads = 20, Activities = 300, Tasks = 10, HistoryDays = 10 });
        var run = SyncDriver.Run(h, new SyncRequest { Streams = ["activities"], StartDate = SyncDriver.From().StartDate });

        Assert.Empty(run.Errors);
        Assert.DoesNotContain(run.Events.OfType<LogEvent>(), e => e.Message.Contains("no Date header", StringComparison.Ordinal));
        var watermark = CloseTimestamp.Parse(h.Store.Load().Bookmarks["activities"].Extra["watermark"]);
        Assert.Equal(TimeSpan.FromSeconds(1), h.Clock.GetUtcNow() - watermark);
    }
}
