namespace Closeio.Core.Tests.Queries;

public sealed class RecordQueryTests
{
    private static string Text(Record r, string column) => Assert.IsType<string>(r[column]);

    [Fact]
    public void Users_come_back_as_records_of_the_users_stream_with_its_columns()
    {
        using var sandbox = QuerySandbox.Create();
        var users = sandbox.Run(new StreamQuery(UsersStream.Definition));

        Assert.Equal(sandbox.Organization.Count(SandboxResource.User), users.Count);
        Assert.All(users, u => Assert.Equal("users", u.Stream));
        var expected = StreamCatalog.Get("users").Fields.Select(f => f.Name).Append(RecordShaper.ExtraColumn);
        Assert.All(users, u => Assert.Equal(expected, u.Names));
        Assert.Equal(users.Select(u => u.Id).Distinct().Count(), users.Count);
    }

    [Fact]
    public void First_stops_paging_after_one_small_page()
    {
        using var sandbox = QuerySandbox.Create(activities: 300);
        var three = sandbox.Run(new ActivityQuery(), new QueryPaging(first: 3));

        Assert.Equal(3, three.Count);
        var pages = sandbox.Requests("activity/");
        Assert.Single(pages);
        Assert.Contains("_limit=3", pages[0].Path);
    }

    [Fact]
    public void Skip_then_first_returns_the_same_records_as_the_slice_of_everything()
    {
        using var sandbox = QuerySandbox.Create();
        var all = sandbox.Run(new TaskQuery()).Select(t => t.Id).ToList();
        var slice = sandbox.Run(new TaskQuery(), new QueryPaging(skip: 5, first: 4)).Select(t => t.Id).ToList();

        Assert.Equal(all.Skip(5).Take(4), slice);
    }

    [Fact]
    public void Paging_is_counted_across_the_queries_of_one_invocation()
    {
        using var sandbox = QuerySandbox.Create();
        var leads = sandbox.Run(new LeadQuery(), new QueryPaging(first: 3)).Select(l => l.Id).ToList();
        var context = new QueryContext(sandbox.Connection, new QueryPaging(first: 5));
        var delivered = new List<Record>();
        foreach (var lead in leads)
            delivered.AddRange(new ActivityQuery { LeadId = lead }.Run(context, CancellationToken.None));

        Assert.True(delivered.Count <= 5);
        Assert.All(delivered, a => Assert.Contains(Text(a, "lead_id"), leads));
        var expected = leads.Sum(l => sandbox.Organization.Activities(null, null, l).Count());
        Assert.Equal(Math.Min(5, expected), delivered.Count);
    }

    [Fact]
    public void First_zero_sends_no_request()
    {
        using var sandbox = QuerySandbox.Create();
        Assert.Empty(sandbox.Run(new StreamQuery(UsersStream.Definition), new QueryPaging(first: 0)));
        lock (sandbox.Log) Assert.Empty(sandbox.Log);
    }

    [Fact]
    public void Activities_of_a_lead_are_only_that_leads()
    {
        using var sandbox = QuerySandbox.Create();
        var lead = sandbox.Organization.Leads().First(l => sandbox.Organization.Activities(null, null, l.Id).Any());
        var activities = sandbox.Run(new ActivityQuery { LeadId = lead.Id });

        Assert.NotEmpty(activities);
        Assert.All(activities, a => Assert.Equal(lead.Id, Text(a, "lead_id")));
        Assert.Equal(sandbox.Organization.Activities(null, null, lead.Id).Count(), activities.Count);
    }

    [Fact]
    public void Activities_of_one_type_are_only_of_that_type()
    {
        using var sandbox = QuerySandbox.Create(activities: 300);
        var calls = sandbox.Run(new ActivityQuery { Types = ["call"] });

        Assert.NotEmpty(calls);
        Assert.All(calls, a => Assert.Equal("Call", Text(a, "_type")));
        Assert.Equal(sandbox.Organization.Activities(null, null, null, "Call").Count(), calls.Count);
    }

    [Fact]
    public void Activities_created_in_a_range_are_inside_it()
    {
        using var sandbox = QuerySandbox.Create(activities: 300);
        var all = sandbox.Run(new ActivityQuery());
        var keys = all.Select(a => a.Key).OrderBy(k => k).ToList();
        var after = keys[keys.Count / 4];
        var before = keys[keys.Count * 3 / 4];

        var inRange = sandbox.Run(new ActivityQuery { CreatedAfter = after, CreatedBefore = before });

        Assert.All(inRange, a => Assert.InRange(a.Key, after, before.AddTicks(-1)));
        Assert.Equal(keys.Count(k => k >= after && k < before), inRange.Count);
    }

    [Fact]
    public void Many_activities_are_read_whole_without_deep_offsets()
    {
        using var sandbox = QuerySandbox.Create(activities: 400);
        var expected = sandbox.Organization.Activities(null, null).Select(a => a.Id).OrderBy(i => i).ToList();

        var activities = sandbox.Run(new ActivityQuery { MaxSkip = 40 });

        Assert.Equal(expected, activities.Select(a => a.Id).OrderBy(i => i));
        Assert.Equal(activities.Select(a => a.Key).OrderByDescending(k => k), activities.Select(a => a.Key));
        var requests = sandbox.Requests("activity/");
        Assert.True(requests.Count > 3);
        Assert.All(requests, r => Assert.DoesNotMatch(@"_skip=(\d{3,})", r.Path));
        Assert.Contains(requests, r => r.Path.Contains("date_created__lte", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_activity_type_fails_before_any_request()
    {
        using var sandbox = QuerySandbox.Create();
        var error = Assert.Throws<ArgumentException>(() => sandbox.Run(new ActivityQuery { Types = ["Fax"] }));
        Assert.Contains("Call", error.Message);
        Assert.Empty(sandbox.Requests("activity/"));
    }

    [Fact]
    public void Tasks_of_every_type_come_back_not_only_lead_tasks()
    {
        using var sandbox = QuerySandbox.Create();
        var tasks = sandbox.Run(new TaskQuery());

        Assert.Equal(sandbox.Organization.Count(SandboxResource.Task), tasks.Count);
        Assert.True(tasks.Select(t => Text(t, "_type")).Distinct().Count() > 1);
        Assert.All(sandbox.Requests("task/"), r => Assert.Contains("_type=all", r.Path));
    }

    [Fact]
    public void Tasks_of_named_types_are_only_of_those_types()
    {
        using var sandbox = QuerySandbox.Create();
        var tasks = sandbox.Run(new TaskQuery { Types = ["lead", "missed_call"] });

        Assert.All(tasks, t => Assert.Contains(Text(t, "_type"), new[] { "lead", "missed_call" }));
        var expected = sandbox.Organization.Tasks().Count(t => t.Type is "lead" or "missed_call");
        Assert.Equal(expected, tasks.Count);
    }

    [Fact]
    public void A_lead_by_id_is_that_lead_with_custom_field_columns()
    {
        using var sandbox = QuerySandbox.Create();
        var lead = sandbox.Organization.Leads().Skip(3).First();
        var records = sandbox.Run(new LeadQuery { Id = lead.Id });

        var record = Assert.Single(records);
        Assert.Equal(lead.Id, record.Id);
        Assert.Equal("leads", record.Stream);
        var customNames = sandbox.Organization.CustomFields("lead").Select(f => (string?)f.Render()["name"]).ToList();
        Assert.NotEmpty(customNames);
        Assert.Contains(record.Names, n => customNames.Contains(n));
    }

    [Fact]
    public void An_unknown_lead_id_is_reported_as_not_found()
    {
        using var sandbox = QuerySandbox.Create();
        var error = Assert.Throws<CloseApiException>(() => sandbox.Run(new LeadQuery { Id = "lead_doesnotexist" }));
        Assert.Equal(CloseErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void Leads_updated_in_a_range_come_in_date_order_and_all_of_them()
    {
        using var sandbox = QuerySandbox.Create(leads: 40);
        var updated = sandbox.Organization.Leads().Select(l => l.DateUpdated).OrderBy(d => d).ToList();
        var after = updated[5];
        var before = updated[35];

        var leads = sandbox.Run(new LeadQuery { UpdatedAfter = after, UpdatedBefore = before });

        Assert.Equal(updated.Count(d => d >= after && d < before), leads.Count);
        Assert.Equal(leads.Select(l => l.Key).OrderBy(k => k), leads.Select(l => l.Key));
        Assert.All(leads, l => Assert.NotNull(l["display_name"]));
        Assert.All(leads, l => Assert.Null(l[RecordShaper.ExtraColumn]));
    }

    [Fact]
    public void A_lead_range_larger_than_one_search_allows_is_read_whole_by_restarting()
    {
        using var sandbox = QuerySandbox.Create(leads: 45, options: new SandboxApiOptions { SearchResultCap = 7 });
        var query = new LeadQuery { UpdatedAfter = DateTimeOffset.MinValue.AddYears(1), SearchResultCap = 7 };

        var leads = sandbox.Run(query);

        var expected = sandbox.Organization.Leads().Count();
        Assert.True(expected > 3 * 7);
        Assert.Equal(expected, leads.Select(l => l.Id).Distinct().Count());
        Assert.Equal(expected, leads.Count);
        Assert.True(sandbox.Requests("data/search/").Count > 3);
    }

    [Fact]
    public void Every_lead_is_read_in_date_order_even_past_max_skip_and_the_search_cap()
    {
        using var sandbox = QuerySandbox.Create(leads: 45, options: new SandboxApiOptions { MaxSkip = 5, SearchResultCap = 7 });

        var leads = sandbox.Run(new LeadQuery { SearchResultCap = 7 });

        var expected = sandbox.Organization.Leads().Select(l => l.Id).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > 5 * 7);
        Assert.Equal(expected, leads.Select(l => l.Id).Order(StringComparer.Ordinal));
        Assert.Equal(leads.Select(l => l.Key).Order(), leads.Select(l => l.Key));
        Assert.Empty(sandbox.Requests("lead/"));
    }

    [Fact]
    public void Leads_with_properties_have_only_those_columns_and_ask_close_for_them()
    {
        using var sandbox = QuerySandbox.Create();
        var leads = sandbox.Run(new LeadQuery { Properties = ["display_name"] }, new QueryPaging(first: 2));

        Assert.Equal(2, leads.Count);
        Assert.All(leads, l => Assert.Equal(new[] { "id", "date_updated", "display_name", RecordShaper.ExtraColumn }, l.Names));
        Assert.Empty(sandbox.Requests("lead/"));
        var shaper = new RecordShaper(StreamCatalog.Get("leads"), [], ["display_name"]);
        var fields = LeadSearch.Body(null, null, LeadSearch.Fields(shaper, []))["_fields"]!["lead"]!.AsArray();
        Assert.Equal(["id", "date_updated", "display_name"], fields.Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public void Custom_fields_carry_their_kind_and_can_be_limited_to_one_kind()
    {
        using var sandbox = QuerySandbox.Create();
        var all = sandbox.Run(new CustomFieldQuery());
        var lead = sandbox.Run(new CustomFieldQuery { Kinds = ["Lead"] });

        var total = StreamCatalog.CustomFieldEndpointKinds.Sum(k => sandbox.Organization.CustomFields(k).Count());
        Assert.Equal(total, all.Count);
        Assert.All(all, f => Assert.Contains(Text(f, "kind"), StreamCatalog.CustomFieldEndpointKinds));
        Assert.NotEmpty(lead);
        Assert.All(lead, f => Assert.Equal("lead", Text(f, "kind")));
    }

    [Fact]
    public void Events_since_an_instant_are_all_at_or_after_it_newest_first()
    {
        using var sandbox = QuerySandbox.Create();
        var all = sandbox.Run(new EventQuery());
        Assert.NotEmpty(all);
        var since = all.Select(e => e.Key).OrderBy(k => k).ElementAt(all.Count / 2);

        var recent = sandbox.Run(new EventQuery { Since = since });

        Assert.All(recent, e => Assert.True(e.Key >= since));
        Assert.Equal(all.Count(e => e.Key >= since), recent.Count);
        Assert.Equal(recent.Select(e => e.Key).OrderByDescending(k => k), recent.Select(e => e.Key));
    }

    [Fact]
    public void Events_can_be_filtered_by_object_type_and_action()
    {
        using var sandbox = QuerySandbox.Create();
        var created = sandbox.Run(new EventQuery { ObjectType = "lead", Action = "Created" });

        Assert.NotEmpty(created);
        Assert.All(created, e => Assert.Equal(("lead", "created"), (Text(e, "object_type"), Text(e, "action"))));
    }

    [Theory]
    [InlineData("lead", null)]
    [InlineData(null, "updated")]
    [InlineData("lead", "updated")]
    public void Event_filters_close_refuses_alone_are_applied_by_the_client(string? objectType, string? action)
    {
        using var sandbox = QuerySandbox.Create();
        var events = sandbox.Run(new EventQuery { ObjectType = objectType, Action = action });

        Assert.NotEmpty(events);
        if (objectType is not null) Assert.All(events, e => Assert.Equal(objectType, Text(e, "object_type")));
        if (action is not null) Assert.All(events, e => Assert.Equal(action, Text(e, "action")));
        var all = sandbox.Run(new EventQuery());
        Assert.Equal(all.Count(e => (objectType is null || Text(e, "object_type") == objectType) &&
                                    (action is null || Text(e, "action") == action)), events.Count);
    }

    [Fact]
    public void A_query_on_a_refused_key_fails_with_an_authentication_error_that_hides_the_key()
    {
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        var api = SandboxApi.Create(seed: 3, leads: 5, activities: 10, clock: clock);
        const string wrong = "wrong_key_p1_secret_9876";
        var error = Assert.Throws<CloseApiException>(() => CloseConnection.ConnectAsync(new CloseConnectionOptions
        {
            ApiKey = wrong,
            BaseUri = SandboxApi.InProcessBaseUri,
            Handler = api.CreateHandler(),
            TimeProvider = clock,
        }, CancellationToken.None).GetAwaiter().GetResult());

        Assert.Equal(CloseErrorKind.Authentication, error.Kind);
        Assert.DoesNotContain(wrong, error.Message);
        Assert.DoesNotContain(wrong, error.ToString());
    }
}
