namespace Closeio.Core.Tests.Sync;

public sealed class SyncRunReportTests
{
    private static StreamRunSummary Summary(string? error = null) => new()
    {
        Stream = "leads",
        Started = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
        Ended = new DateTimeOffset(2024, 5, 1, 10, 0, 2, 500, TimeSpan.Zero),
        Records = 50,
        Requests = 3,
        Retries = 1,
        RateLimited = 1,
        Outcome = error is null ? "Completed" : "Failed",
        Error = error,
    };

    [Fact]
    public void The_summary_line_names_the_stream_outcome_and_counts()
    {
        var line = new SyncRunReport(Summary(), "/p.json", bookmarksSaved: true).ToString();
        Assert.Equal("leads: Completed, 50 records, 3 requests (1 retries, 1 rate-limited) in 2.5 s", line);
    }

    [Fact]
    public void A_failed_run_says_why_and_a_what_if_run_says_nothing_was_saved()
    {
        var report = new SyncRunReport(Summary("Close answered 401."), "/p.json", bookmarksSaved: false);
        Assert.EndsWith(": Close answered 401. (bookmarks not saved)", report.ToString());
        Assert.Equal(TimeSpan.FromSeconds(2.5), report.Duration);
        Assert.False(report.BookmarksSaved);
    }
}
