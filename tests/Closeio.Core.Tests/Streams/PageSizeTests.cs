using Closeio.Core.Tests.Sync;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// The page sizes the client asks for are only "known to work"; a server whose maximum is lower
/// answers 400. Paging must correct itself: ask that page once more with a smaller size, and keep it.
/// </summary>
public sealed class PageSizeTests
{
    private static readonly string[] Paths = ["/user/", "/custom_field/", "/task/"];

    [Fact]
    public void A_sync_against_lower_maxima_reads_every_record_and_is_refused_once_per_stream()
    {
        StrictLimits? strict = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) =>
            strict = new StrictLimits(inner, 100, """{"error": "Bad Request"}""", Paths));
        var streams = new[] { "users", "custom_fields", "leads", "tasks" };

        var run = SyncDriver.Run(h, SyncDriver.From(streams));

        Assert.Empty(run.Errors);
        Assert.All(run.Summaries, s => Assert.Equal("completed", s.Outcome));
        foreach (var stream in streams)
        {
            var expected = FullSyncTests.Expected(h.Organization, stream).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, run.Of(stream).Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal));
        }

        // Refused once for users, once for all custom field kinds, once for the lead search, once for tasks' windows.
        Assert.Equal(4, strict!.Refused.Count());
        Assert.All(strict.Seen.Where(s => s.Status == 200), s => Assert.True(s.Limit is null or <= 100, $"{s.Path} _limit={s.Limit}"));
    }

    [Fact]
    public void Queries_take_the_maximum_the_error_names_and_keep_it()
    {
        StrictLimits? strict = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) => strict = new StrictLimits(inner, 7,
            """{"field-errors": {"_limit": "Ensure this value is less than or equal to 7."}}""", Paths));
        var context = new QueryContext(h.Connection);

        var users = new StreamQuery(UsersStream.Definition).Run(context, CancellationToken.None).ToList();
        var tasks = new TaskQuery().Run(context, CancellationToken.None).ToList();
        var fields = new CustomFieldQuery().Run(context, CancellationToken.None).ToList();
        var leads = new LeadQuery().Run(context, CancellationToken.None).ToList();

        Assert.Equal(h.Organization.Users().Select(u => u.Id).Order(), users.Select(r => r.Id).Order());
        Assert.Equal(h.Organization.Tasks().Select(t => t.Id).Order(), tasks.Select(r => r.Id).Order());
        Assert.Equal(FullSyncTests.Expected(h.Organization, "custom_fields").Select(p => p.Id).Order(), fields.Select(r => r.Id).Order());
        Assert.Equal(h.Organization.Leads().Select(l => l.Id).Order(), leads.Select(r => r.Id).Order());
        Assert.All(strict!.Seen.Where(s => s.Status == 200), s => Assert.True(s.Limit is null or 7, $"{s.Path} _limit={s.Limit}"));
        // users, tasks, the custom fields of the leads query and of the custom field query, the search: once each
        Assert.Equal(5, strict.Refused.Count());
        Assert.True(strict.Seen.Count(s => s.Path.EndsWith("/task/", StringComparison.Ordinal)) > 3, "tasks should need several pages of 7");
    }

    [Theory]
    [InlineData("_limit: Ensure this value is less than or equal to 100.", 1000, 100)]
    [InlineData("_limit: Ensure this value is between 1 and 50.", 200, 50)]
    [InlineData("_limit: Ensure this value is between 1 and 50.", 50, null)]   // 50 was allowed: about something else
    [InlineData("Bad Request", 1000, 100)]
    [InlineData(null, 200, 100)]
    [InlineData("Bad Request", 100, null)]
    [InlineData("Expired cursor", 200, null)]
    [InlineData("The skip you set is larger than the maximum skip for this resource (max_skip = 250000).", 1000, null)]
    [InlineData("max limit is 25", 50, 25)]
    public void The_smaller_size_comes_from_the_error_text_or_defaults_to_100(string? text, int limit, int? expected)
    {
        var e = new CloseApiException(CloseErrorKind.BadRequest, 400, "GET user/", text, "remedy");
        Assert.Equal(expected, PageLimit.Smaller(e, limit));
    }

    [Theory]
    [InlineData("Bad Request", null)]
    [InlineData("_limit: Ensure this value is less than or equal to 100.", 100)]
    public void A_follow_up_search_page_counts_only_a_refusal_that_names_the_limit(string text, int? expected)
    {
        var e = new CloseApiException(CloseErrorKind.BadRequest, 400, "POST data/search/", text, "remedy");
        Assert.Equal(expected, PageLimit.Smaller(e, 200, onlyWhenNamed: true));
    }

    [Fact]
    public void Only_a_400_is_about_the_page_size()
    {
        var e = new CloseApiException(CloseErrorKind.Forbidden, 403, "GET user/", "_limit too large", "remedy");
        Assert.Null(PageLimit.Smaller(e, 1000));
    }
}
