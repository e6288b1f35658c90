using Closeio.Core.Tests.Sync;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// An answer without <c>has_more</c>: a full page (as many objects as the <c>_limit</c>) means there
/// may be more, a short one is the end.
/// </summary>
public sealed class MissingHasMoreTests
{
    /// <summary>Drops <c>has_more</c> from every skip/limit list answer.</summary>
    private static AnswerRewriter WithoutHasMore(HttpMessageHandler inner) => new(inner,
        request => request.Method == HttpMethod.Get && request.RequestUri!.Query.Contains("_limit=", StringComparison.Ordinal),
        json => json.Remove("has_more"));

    [Fact]
    public void Every_skip_paged_stream_is_read_whole_without_has_more()
    {
        AnswerRewriter? without = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) => without = WithoutHasMore(inner));
        var streams = new[] { "users", "custom_fields", "tasks", "activities" };
        var request = new SyncRequest
        {
            Streams = streams,
            StartDate = SyncDriver.From().StartDate,
            Tuning = new SyncTuning
            {
                PageSizes = new Dictionary<string, int> { ["users"] = 2, ["custom_fields"] = 2, ["tasks"] = 7, ["activities"] = 10 },
            },
        };

        var run = SyncDriver.Run(h, request);

        Assert.Empty(run.Errors);
        Assert.True(without!.Rewritten > 10);
        foreach (var stream in streams)
        {
            var expected = FullSyncTests.Expected(h.Organization, stream).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, run.Of(stream).Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task A_full_page_goes_on_and_a_short_page_ends()
    {
        using var h = SandboxHarness.Create(wrap: (_, inner) => WithoutHasMore(inner));
        var users = h.Organization.Users().Count();
        Assert.True(users > 2);
        var pager = new SkipLimitPager(h.Connection.Client, "user/", null, pageSize: users - 1);

        var pages = new List<ClosePage>();
        await foreach (var page in pager.ReadPagesAsync()) pages.Add(page);

        Assert.Equal(2, pages.Count);
        Assert.True(pages[0].HasMore);
        Assert.False(pages[1].HasMore);
        Assert.Equal(users, pages.Sum(p => p.Data.Count));
    }
}
