namespace Closeio.Sandbox.Tests.Api;

/// <summary>The event list's page faults: what a client following the cursors sees.</summary>
public sealed class EventPageFaultTests
{
    private const string Group = "GET /event/";

    private static string Next(JsonObject page) => Uri.EscapeDataString(page["cursor_next"]!.GetValue<string>());

    [Fact]
    public async Task An_empty_page_with_more_leads_to_the_page_it_left_out()
    {
        using var h = ApiHarness.Create();
        var expected = ApiHarness.Ids(await h.GetOkAsync("event/?_limit=5")).ToList();
        h.Api.Faults.Script(Group, SandboxFault.EventEmptyPageWithMore);

        var empty = await h.GetOkAsync("event/?_limit=5");
        var resumed = await h.GetOkAsync($"event/?_limit=5&_cursor={Next(empty)}");

        Assert.Empty(empty["data"]!.AsArray());
        Assert.Equal(expected, ApiHarness.Ids(resumed));
    }

    [Fact]
    public async Task A_repeated_page_gives_the_page_before_and_the_cursor_just_followed()
    {
        using var h = ApiHarness.Create();
        var first = await h.GetOkAsync("event/?_limit=5");
        var cursor = Next(first);
        h.Api.Faults.Script(Group, SandboxFault.EventRepeatedPage);

        var repeated = await h.GetOkAsync($"event/?_limit=5&_cursor={cursor}");
        var second = await h.GetOkAsync($"event/?_limit=5&_cursor={cursor}");

        Assert.Equal(ApiHarness.Ids(first), ApiHarness.Ids(repeated));
        Assert.Equal(cursor, Next(repeated));
        Assert.Empty(ApiHarness.Ids(first).Intersect(ApiHarness.Ids(second)));
    }

    [Theory]
    [InlineData(UnknownEventCursorAnswer.BadRequest)]
    [InlineData(UnknownEventCursorAnswer.EmptyPage)]
    public async Task A_cursor_at_an_unknown_event_is_answered_as_configured(UnknownEventCursorAnswer answer)
    {
        using var h = ApiHarness.Create(new SandboxApiOptions { UnknownEventCursor = answer });
        h.Api.Faults.Script(Group, SandboxFault.EventUnknownCursor);
        var first = await h.GetOkAsync("event/?_limit=5");
        Assert.Equal(5, first["data"]!.AsArray().Count);

        if (answer == UnknownEventCursorAnswer.BadRequest)
        {
            Assert.Contains("cursor", await h.GetBadRequestAsync($"event/?_limit=5&_cursor={Next(first)}"));
        }
        else
        {
            var page = await h.GetOkAsync($"event/?_limit=5&_cursor={Next(first)}");
            Assert.Empty(page["data"]!.AsArray());
            Assert.Null(page["cursor_next"]);
        }
    }
}
