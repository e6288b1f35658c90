namespace Closeio.Sandbox.Tests.Api;

/// <summary>When nothing changes, paging through any list yields every object exactly once.</summary>
public sealed class PagingTests() : ApiTest(ApiHarness.Create())
{
    public static TheoryData<string, int> SkipPagedLists() => new()
    {
        { "lead/", 7 },
        { "lead/?_order_by=-date_updated", 7 },
        { "contact/", 9 },
        { "opportunity/", 4 },
        { "opportunity/?_order_by=date_updated", 4 },
        { "task/?_type=all", 11 },
        { "task/?_type=all&_order_by=-date", 11 },
        { "activity/", 13 },
        { "activity/?_order_by=-activity_at", 13 },
        { "activity/call/", 5 },
        { "activity/email/", 5 },
        { "activity/emailthread/", 5 },
        { "activity/note/", 5 },
        { "activity/sms/", 5 },
        { "activity/meeting/", 5 },
        { "activity/status_change/lead/", 5 },
        { "activity/status_change/opportunity/", 5 },
        { "activity/task_completed/", 5 },
        { "activity/created/", 5 },
        { "user/", 2 },
        { "custom_field/lead/", 2 },
        { "custom_field/contact/", 2 },
        { "custom_field/opportunity/", 2 },
        { "custom_field/activity/", 2 },
        { "custom_field/shared/", 2 },
    };

    [Theory]
    [MemberData(nameof(SkipPagedLists))]
    public async Task Skip_paging_returns_every_object_exactly_once(string path, int limit)
    {
        var ids = await _h.PageAllIdsAsync(path, limit);

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Expected(path).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Event_cursors_return_every_event_of_the_last_30_days_exactly_once()
    {
        var ids = new List<string>();
        var page = await _h.GetOkAsync("event/?_limit=7");
        while (true)
        {
            ids.AddRange(ApiHarness.Ids(page));
            if (page["cursor_next"] is not JsonValue next) break;
            page = await _h.GetOkAsync($"event/?_limit=7&_cursor={Uri.EscapeDataString(next.GetValue<string>())}");
        }

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(_h.Org.Events().Select(e => e.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_cursors_return_every_lead_exactly_once()
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var (_, page) = await _h.PostAsync("data/search/", new JsonObject
            {
                ["query"] = new JsonObject { ["type"] = "object_type", ["object_type"] = "lead" },
                ["sort"] = SearchTests.Sort("date_updated", "asc"),
                ["_limit"] = 6,
                ["cursor"] = cursor,
            });
            ids.AddRange(ApiHarness.Ids(page));
            cursor = page["cursor"]?.GetValue<string>();
        } while (cursor is not null);

        Assert.Equal(_h.Org.Leads().Select(l => l.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    private IEnumerable<string> Expected(string path)
    {
        var org = _h.Org;
        var bare = path.Split('?')[0].Trim('/');
        IEnumerable<SandboxItem> items = bare switch
        {
            "lead" => org.Leads(),
            "contact" => org.Contacts(),
            "opportunity" => org.Opportunities(),
            "task" => org.Tasks(),
            "activity" => org.Activities(null, null),
            "user" => org.Users(),
            _ when bare.StartsWith("custom_field/") => org.CustomFields(bare["custom_field/".Length..]),
            _ when bare.StartsWith("activity/") => org.Activities(null, null, type: ActivityType(bare["activity/".Length..])),
            _ => throw new ArgumentException(path),
        };
        var ids = items.Select(i => i.Id).ToList();
        Assert.NotEmpty(ids); // a list that is empty in the generated org would prove nothing
        return ids;
    }

    internal static string ActivityType(string path) => path switch
    {
        "call" => "Call", "email" => "Email", "emailthread" => "EmailThread", "note" => "Note", "sms" => "SMS",
        "meeting" => "Meeting", "status_change/lead" => "LeadStatusChange",
        "status_change/opportunity" => "OpportunityStatusChange", "task_completed" => "TaskCompleted", "created" => "Created",
        _ => throw new ArgumentException(path),
    };
}
