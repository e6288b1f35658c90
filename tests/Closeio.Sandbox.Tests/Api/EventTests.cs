namespace Closeio.Sandbox.Tests.Api;

/// <summary><c>/event/</c>: cursors both ways, filters and Close's allowed combinations, limits.</summary>
public sealed class EventTests() : ApiTest(ApiHarness.Create())
{
    private static string Next(JsonObject page) => Uri.EscapeDataString(page["cursor_next"]!.GetValue<string>());

    [Theory]
    [InlineData("object_type=lead&action=created")]
    [InlineData("object_type=lead&object_id=lead_x")]
    [InlineData("object_id=lead_x&action=updated")]
    [InlineData("lead_id=lead_x&object_type=lead")]
    [InlineData("lead_id=lead_x&object_type=lead&action=created")]
    [InlineData("lead_id=lead_x&user_id=user_x&object_type=lead")]
    [InlineData("lead_id=lead_x&user_id=user_x")]
    [InlineData("user_id=user_x&object_type=lead&action=created")]
    [InlineData("lead_id=lead_x")]
    [InlineData("user_id=user_x")]
    [InlineData("request_id=req_x")]
    [InlineData("request_id=req_x&date_updated__gte=2025-03-01")]
    [InlineData("")]
    public async Task Allowed_filter_combinations_are_answered(string filters) =>
        await _h.GetOkAsync($"event/?{filters}");

    [Theory]
    [InlineData("action=created")]
    [InlineData("object_type=lead")]
    [InlineData("object_id=lead_x")]
    [InlineData("request_id=req_x&lead_id=lead_x")]
    [InlineData("object_id=lead_x&lead_id=lead_x")]
    public async Task Other_filter_combinations_are_a_400(string filters) =>
        Assert.Contains("combination", await _h.GetBadRequestAsync($"event/?{filters}"));

    [Fact]
    public async Task Filters_keep_only_matching_events_newest_first()
    {
        var page = await _h.GetOkAsync("event/?object_type=lead&action=created");
        var data = page["data"]!.AsArray().Select(e => e!.AsObject()).ToList();

        Assert.NotEmpty(data);
        Assert.All(data, e => Assert.Equal(("lead", "created"), (e["object_type"]!.GetValue<string>(), e["action"]!.GetValue<string>())));
        var updated = data.Select(e => DateTimeOffset.Parse(e["date_updated"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(updated.OrderByDescending(u => u), updated);
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("request_id")]
    [InlineData("lead_id")]
    public async Task An_id_filter_keeps_exactly_the_events_that_render_that_id(string field)
    {
        var all = _h.Org.Events().Select(e => e.Render()).ToList();
        var wanted = all.Select(e => e[field]?.GetValue<string>()).First(v => v is not null)!;
        var ids = new List<string>();
        var page = await _h.GetOkAsync($"event/?{field}={wanted}&_limit=50");
        while (true)
        {
            ids.AddRange(ApiHarness.Ids(page));
            if (page["cursor_next"] is null) break;
            page = await _h.GetOkAsync($"event/?{field}={wanted}&_limit=50&_cursor={Next(page)}");
        }

        Assert.Equal(all.Where(e => e[field]?.GetValue<string>() == wanted).Select(e => e["id"]!.GetValue<string>()), ids);
    }

    [Fact]
    public async Task The_limit_defaults_to_50_and_cannot_exceed_it()
    {
        Assert.True(_h.Org.Count(SandboxResource.Event) > 50, "needs more than a page of events");
        var page = await _h.GetOkAsync("event/");
        Assert.Equal(50, page["data"]!.AsArray().Count);
        await _h.GetBadRequestAsync("event/?_limit=51");
    }

    [Fact]
    public async Task A_date_range_is_kept_by_the_cursor_and_must_not_be_repeated_with_it()
    {
        var events = _h.Org.Events().ToList();
        var cut = events[events.Count / 2].DateUpdated;
        var since = Uri.EscapeDataString(cut.ToString("O", CultureInfo.InvariantCulture));
        var ids = new List<string>();
        var page = await _h.GetOkAsync($"event/?_limit=5&date_updated__gte={since}");
        while (true)
        {
            ids.AddRange(ApiHarness.Ids(page));
            if (page["cursor_next"] is null) break;
            page = await _h.GetOkAsync($"event/?_limit=5&_cursor={Next(page)}");
        }
        var first = await _h.GetOkAsync($"event/?_limit=5&date_updated__gte={since}");

        Assert.Equal(events.Where(e => e.DateUpdated >= cut).Select(e => e.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Contains("cursor", await _h.GetBadRequestAsync($"event/?_limit=5&_cursor={Next(first)}&date_updated__gte={since}"));
    }

    [Fact]
    public async Task Cursor_previous_finds_events_written_after_the_first_page()
    {
        var first = await _h.GetOkAsync("event/?_limit=10");
        var previous = Uri.EscapeDataString(first["cursor_previous"]!.GetValue<string>());
        var empty = await _h.GetOkAsync($"event/?_cursor={previous}");

        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var lead = _h.Org.CreateLead();
        var newer = await _h.GetOkAsync($"event/?_cursor={previous}");

        Assert.Empty(empty["data"]!.AsArray());
        Assert.NotNull(empty["cursor_previous"]);
        Assert.Contains(newer["data"]!.AsArray(), e => e!["object_id"]!.GetValue<string>() == lead.Id && e["action"]!.GetValue<string>() == "created");
        Assert.DoesNotContain(ApiHarness.Ids(first).First(), ApiHarness.Ids(newer));
    }

    [Fact]
    public async Task Following_cursor_previous_walks_forward_through_new_events_once_each()
    {
        var first = await _h.GetOkAsync("event/?_limit=3");
        var before = _h.Org.Events().Select(e => e.Id).ToHashSet();
        for (var i = 0; i < 7; i++)
        {
            _h.Clock.Advance(TimeSpan.FromSeconds(10));
            _h.Org.CreateLead();
        }
        var created = _h.Org.Events().Select(e => e.Id).Where(id => !before.Contains(id)).ToList();

        var seen = new List<string>();
        var previous = first["cursor_previous"]!.GetValue<string>();
        for (var round = 0; round < 20; round++)
        {
            var page = await _h.GetOkAsync($"event/?_limit=3&_cursor={Uri.EscapeDataString(previous)}");
            var ids = ApiHarness.Ids(page).ToList();
            if (ids.Count == 0) break;
            seen.AddRange(ids);
            previous = page["cursor_previous"]!.GetValue<string>();
        }

        Assert.True(created.Count >= 7);
        Assert.Equal(created.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_the_last_30_days_are_served()
    {
        var oldest = _h.Org.Events().Last();
        _h.Clock.Advance(TimeSpan.FromDays(30) - (ApiHarness.Start - oldest.DateUpdated) + TimeSpan.FromSeconds(1));
        var ids = new List<string>();
        var page = await _h.GetOkAsync("event/?_limit=50");
        while (true)
        {
            ids.AddRange(ApiHarness.Ids(page));
            if (page["cursor_next"] is null) break;
            page = await _h.GetOkAsync($"event/?_limit=50&_cursor={Next(page)}");
        }

        Assert.DoesNotContain(oldest.Id, ids);
        Assert.Equal(_h.Org.Events().Count(), ids.Count);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _h.GetAsync($"event/{oldest.Id}/")).Status);
    }

    [Fact]
    public async Task A_garbage_cursor_is_a_400() =>
        Assert.Contains("cursor", await _h.GetBadRequestAsync("event/?_cursor=not-a-cursor"));
}
