using Closeio.Core.Tests.Sync;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// The search answer's next cursor may be named <c>cursor_next</c>, and an expired cursor may come
/// back as a plain 400: both the leads stream and Get-CloseioLead must still read every lead. Leads
/// are read page by key, so a cursor is followed only over an instant that more leads share than a
/// page holds: the refusals are met there.
/// </summary>
public sealed class SearchPagingTests
{
    private static SyncRequest Leads() => new()
    {
        Streams = ["leads"],
        StartDate = SyncDriver.From().StartDate,
        Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { ["leads"] = 4 } },
    };

    private static List<(string, DateTimeOffset)> Expected(SandboxHarness h) =>
        FullSyncTests.Expected(h.Organization, "leads").OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    /// <summary>Creates <paramref name="count"/> leads at one instant, between older and newer ones.</summary>
    private static void Crowd(SandboxHarness h, int count)
    {
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < count; i++) h.Organization.CreateLead();   // the clock stands still: one instant
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Organization.CreateLead();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
    }

    private static List<(string, DateTimeOffset)> Got(IEnumerable<Closeio.Core.Records.Record> records) =>
        records.Select(r => (r.Id, r.Key)).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();

    [Fact]
    public void An_answer_that_names_its_cursor_cursor_next_is_followed()
    {
        using var h = SandboxHarness.Create(wrap: (_, inner) => new SearchVariants(inner) { CursorNamedCursorNext = true });

        var run = SyncDriver.Run(h, Leads());
        var query = new LeadQuery().Run(new QueryContext(h.Connection, new QueryPaging()), CancellationToken.None).ToList();

        Assert.Empty(run.Errors);
        Assert.True(Expected(h).Count > 8, "the leads should need several pages");
        Assert.Equal(Expected(h), Got(run.Of("leads")));
        Assert.Equal(Expected(h), Got(query));
    }

    [Fact]
    public async Task The_pager_reads_cursor_next_as_the_next_cursor()
    {
        using var h = SandboxHarness.Create(wrap: (_, inner) => new SearchVariants(inner) { CursorNamedCursorNext = true });
        var pager = new SearchPager(h.Connection.Client, LeadSearch.Body(null, null, ["id", "date_updated"]), pageSize: 4);

        var page = await pager.ReadPageAsync(null, CancellationToken.None);

        Assert.True(page.HasMore);
        Assert.NotNull(page.NextCursor);
    }

    [Theory]
    [InlineData("""{"error": "Bad Request"}""")]
    [InlineData("""{"error": "Invalid cursor"}""")]
    [InlineData("")]
    public void A_plain_400_on_a_follow_up_page_of_a_crowded_instant_reads_that_instant_again(string refusal)
    {
        SearchVariants? variants = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) =>
            variants = new SearchVariants(inner) { RefuseFollowUps = [2, 5], RefusalBody = refusal });
        Crowd(h, 13);

        var run = SyncDriver.Run(h, Leads());

        Assert.Empty(run.Errors);
        Assert.Equal(Expected(h), Got(run.Of("leads")));
        Assert.Equal(2, variants!.Refused);
    }

    [Fact]
    public void Get_CloseioLead_restarts_after_a_plain_400_on_a_follow_up_page()
    {
        SearchVariants? variants = null;
        // Get-CloseioLead asks for pages of 200: more leads than that at one instant.
        using var h = SandboxHarness.Create(new Closeio.Sandbox.SandboxOptions { Leads = 100, Activities = 20, Tasks = 10 },
            wrap: (_, inner) => variants = new SearchVariants(inner) { RefuseFollowUps = [1, 3] });
        Crowd(h, 450);

        var leads = new LeadQuery().Run(new QueryContext(h.Connection), CancellationToken.None).ToList();

        Assert.Equal(Expected(h), Got(leads));
        Assert.Equal(2, variants!.Refused);
    }

    [Theory]
    [InlineData("_limit: Ensure this value is less than or equal to 50.")]
    [InlineData("Invalid query: unknown field 'foo'")]
    public void A_400_that_names_another_cause_is_not_an_expired_cursor(string text)
    {
        var e = new CloseApiException(CloseErrorKind.BadRequest, 400, "POST data/search/", text, "remedy");
        Assert.False(LeadSearch.IsExpiredCursor(e));
    }

    [Theory]
    [InlineData("Expired cursor")]
    [InlineData("The cursor is no longer valid")]
    [InlineData("Bad Request")]
    [InlineData(null)]
    public void A_400_that_names_no_other_cause_is_an_expired_cursor(string? text)
    {
        var e = new CloseApiException(CloseErrorKind.BadRequest, 400, "POST data/search/", text, "remedy");
        Assert.True(LeadSearch.IsExpiredCursor(e));
    }

    [Fact]
    public void A_search_answered_out_of_date_order_fails_the_leads_stream_instead_of_skipping_leads()
    {
        using var h = SandboxHarness.Create(wrap: (_, inner) => new SearchVariants(inner) { IgnoreSort = true });

        var run = SyncDriver.Run(h, Leads());

        var error = Assert.Single(run.Errors);
        Assert.Contains("out of date_updated order", error.Error.Message);
        Assert.Empty(run.Of("leads"));
    }
}
