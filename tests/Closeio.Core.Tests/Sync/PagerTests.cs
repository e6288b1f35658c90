namespace Closeio.Core.Tests.Sync;

public sealed class PagerTests
{
    [Fact]
    public async Task SkipLimitPager_reads_every_object_until_has_more_is_false()
    {
        using var h = SandboxHarness.Create();
        var pager = new SkipLimitPager(h.Connection.Client, "task/", [new("_type", "all")], pageSize: 7);

        var ids = new List<string>();
        await foreach (var item in pager.ReadAllAsync()) ids.Add(item.GetProperty("id").GetString()!);

        Assert.Equal(h.Organization.Tasks().Select(t => t.Id).Order(), ids.Order());
    }

    [Fact]
    public async Task SkipLimitPager_stops_at_its_MaxSkip_instead_of_earning_a_400()
    {
        using var h = SandboxHarness.Create(apiOptions: new SandboxApiOptions { MaxSkip = 20 });
        var pager = new SkipLimitPager(h.Connection.Client, "activity/", null, pageSize: 10) { MaxSkip = 20 };

        var pages = new List<ClosePage>();
        await foreach (var page in pager.ReadPagesAsync()) pages.Add(page);

        Assert.Equal(3, pages.Count);
        Assert.True(pages[^1].HasMore);
        Assert.Equal(0, h.Api.Counters.Count(status: 400));
    }

    [Fact]
    public async Task EventCursorPager_follows_cursor_next_without_repeating_the_date_filters()
    {
        using var h = SandboxHarness.Create();
        var since = SandboxApi.DefaultStart.AddDays(-29);
        var pager = new EventCursorPager(h.Connection.Client,
            [new("date_updated__gte", CloseTimestamp.Format(since)), new("object_type", "lead"), new("action", "updated")], pageSize: 5);

        var ids = new List<string>();
        await foreach (var item in pager.ReadAllAsync()) ids.Add(item.GetProperty("id").GetString()!);

        var expected = h.Organization.Events().Where(e => e.DateUpdated >= since && e.Type == "lead" && e.Render()["action"]!.GetValue<string>() == "updated").Select(e => e.Id).ToList();
        Assert.True(expected.Count > 5, "the filter should need several pages");
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task SearchPager_follows_the_cursor_until_it_is_null()
    {
        using var h = SandboxHarness.Create();
        var body = new JsonObject
        {
            ["query"] = new JsonObject { ["type"] = "object_type", ["object_type"] = "lead" },
            ["_fields"] = new JsonObject { ["lead"] = new JsonArray("id", "display_name") },
        };
        var pager = new SearchPager(h.Connection.Client, body, pageSize: 4);

        var ids = new List<string>();
        await foreach (var item in pager.ReadAllAsync()) ids.Add(item.GetProperty("id").GetString()!);

        Assert.Equal(h.Organization.Leads().Select(l => l.Id).Order(), ids.Order());
    }
}
