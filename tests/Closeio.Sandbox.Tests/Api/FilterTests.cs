namespace Closeio.Sandbox.Tests.Api;

/// <summary>Filters, limits and their errors on the skip-paged endpoints, as close-api.md describes them.</summary>
public sealed class FilterTests() : ApiTest(ApiHarness.Create())
{
    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));

    [Fact]
    public async Task Activity_date_created_filters_select_the_window_with_strict_and_inclusive_bounds()
    {
        var all = _h.Org.Activities(null, null).ToList();
        var lo = all[^40].DateCreated; // older boundary
        var hi = all[10].DateCreated;  // newer boundary

        var inclusive = await _h.PageAllIdsAsync($"activity/?date_created__gte={Q(lo)}&date_created__lte={Q(hi)}", 100);
        var strict = await _h.PageAllIdsAsync($"activity/?date_created__gt={Q(lo)}&date_created__lt={Q(hi)}", 100);

        Assert.Equal(all.Where(a => a.DateCreated >= lo && a.DateCreated <= hi).Select(a => a.Id), inclusive);
        Assert.Equal(all.Where(a => a.DateCreated > lo && a.DateCreated < hi).Select(a => a.Id), strict);
        Assert.Contains(all[10].Id, inclusive);
        Assert.DoesNotContain(all[10].Id, strict);
    }

    [Fact]
    public async Task X_tz_offset_shifts_naive_date_filters_but_not_ones_with_an_offset()
    {
        var all = _h.Org.Activities(null, null).ToList();
        var inside = all[all.Count / 2];
        var t = inside.DateCreated.AddHours(-1); // so "inside" falls between t and t + 5 h
        var naive = Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        async Task<List<string>> Read(string filter)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"activity/?date_created__lt={filter}&_limit=100");
            request.Headers.Add("x-tz-offset", "-5");
            var page = System.Text.Json.Nodes.JsonNode.Parse(await (await _h.Http.SendAsync(request)).Content.ReadAsStringAsync())!.AsObject();
            return ApiHarness.Ids(page).ToList();
        }

        var shifted = await Read(naive);
        var explicitUtc = await Read(Q(t));

        Assert.Equal(all.Where(a => a.DateCreated < t.AddHours(5)).Take(100).Select(a => a.Id), shifted);
        Assert.Equal(all.Where(a => a.DateCreated < t).Take(100).Select(a => a.Id), explicitUtc);
        Assert.Contains(inside.Id, shifted);
        Assert.DoesNotContain(inside.Id, explicitUtc);
    }

    [Fact]
    public async Task Activities_come_newest_first()
    {
        var page = await _h.GetOkAsync("activity/?_limit=50");
        var created = page["data"]!.AsArray().Select(a => DateTimeOffset.Parse(a!["date_created"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);
    }

    [Theory]
    [InlineData("user_id=user_x")]
    [InlineData("contact_id=cont_x")]
    [InlineData("_type=Call")]
    public async Task Activity_user_contact_and_type_filters_need_lead_id(string filter)
    {
        var error = await _h.GetBadRequestAsync($"activity/?{filter}");
        Assert.Contains("lead_id", error);
    }

    [Fact]
    public async Task Activity_type_filter_with_lead_id_keeps_that_lead_and_type()
    {
        var call = _h.Org.Activities(null, null, type: "Call").First();
        var ids = await _h.PageAllIdsAsync($"activity/?lead_id={call.LeadId}&_type=Call", 100);
        Assert.Equal(_h.Org.Activities(null, null, call.LeadId, "Call").Select(a => a.Id), ids);
        Assert.Contains(call.Id, ids);
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("contact_id")]
    public async Task Activity_user_and_contact_filters_with_lead_id_keep_matching_activities(string field)
    {
        var sample = _h.Org.Activities(null, null).Select(a => (a.LeadId, Json: a.Render())).First(a => a.Json[field] is not null);
        var wanted = sample.Json[field]!.GetValue<string>();
        var ids = await _h.PageAllIdsAsync($"activity/?lead_id={sample.LeadId}&{field}={wanted}", 100);

        var expected = _h.Org.Activities(null, null, sample.LeadId).Where(a => a.Render()[field]?.GetValue<string>() == wanted).Select(a => a.Id);
        Assert.Equal(expected, ids);
        Assert.NotEmpty(ids);
    }

    [Fact]
    public async Task Activity_at_filters_need_order_by_minus_activity_at()
    {
        var t = Q(ApiHarness.Start.AddDays(-30));
        var error = await _h.GetBadRequestAsync($"activity/?activity_at__gte={t}");
        Assert.Contains("_order_by=-activity_at", error);
        await _h.GetOkAsync($"activity/?activity_at__gte={t}&_order_by=-activity_at");
    }

    [Theory]
    [InlineData("activity/", 100)]
    [InlineData("activity/call/", 100)]
    [InlineData("lead/", 200)]
    [InlineData("opportunity/", 250)]
    [InlineData("task/", 1000)]
    [InlineData("user/", 1000)]
    [InlineData("custom_field/lead/", 1000)]
    public async Task A_limit_above_the_resource_maximum_is_a_400_and_the_maximum_itself_is_fine(string path, int max)
    {
        await _h.GetOkAsync($"{path}?_limit={max}");
        var error = await _h.GetBadRequestAsync($"{path}?_limit={max + 1}");
        Assert.Contains(max.ToString(CultureInfo.InvariantCulture), error);
    }

    [Theory]
    [InlineData("activity/")]
    [InlineData("lead/")]
    [InlineData("task/?_type=all")]
    public async Task A_skip_above_max_skip_answers_Closes_exact_message(string path)
    {
        using var h = ApiHarness.Create(new SandboxApiOptions { MaxSkip = 40 });
        var sep = path.Contains('?') ? '&' : '?';
        await h.GetOkAsync($"{path}{sep}_skip=40");
        var error = await h.GetBadRequestAsync($"{path}{sep}_skip=41");
        Assert.Equal("The skip you set is larger than the maximum skip for this resource (max_skip = 40). Please refine your search query.", error);
    }

    [Fact]
    public async Task Tasks_without_type_are_only_lead_tasks()
    {
        var ids = await _h.PageAllIdsAsync("task/", 1000);
        var leadTasks = _h.Org.Tasks().Where(t => t.Type == "lead").Select(t => t.Id).ToList();
        Assert.True(_h.Org.Tasks().Count() > leadTasks.Count, "the org should hold tasks of other types too");
        Assert.Equal(leadTasks.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Task_type_all_and_type_in_reach_the_other_types()
    {
        var all = await _h.PageAllIdsAsync("task/?_type=all", 1000);
        var two = await _h.PageAllIdsAsync("task/?_type__in=missed_call,voicemail", 1000);
        var one = await _h.PageAllIdsAsync("task/?_type=voicemail", 1000);

        Assert.Equal(_h.Org.Tasks().Count(), all.Count);
        Assert.Equal(_h.Org.Tasks().Where(t => t.Type is "missed_call" or "voicemail").Select(t => t.Id).Order(StringComparer.Ordinal), two.Order(StringComparer.Ordinal));
        Assert.Equal(_h.Org.Tasks().Where(t => t.Type is "voicemail").Select(t => t.Id).Order(StringComparer.Ordinal), one.Order(StringComparer.Ordinal));
        await _h.GetBadRequestAsync("task/?_type=not_a_type");
    }

    [Fact]
    public async Task Task_filters_on_completion_and_date_updated_and_order_by_date_created()
    {
        var all = _h.Org.Tasks().ToList();
        var cut = all.Select(t => t.DateUpdated).Order().ElementAt(all.Count / 2);

        var open = await _h.PageAllIdsAsync("task/?_type=all&is_complete=false", 1000);
        var recent = await _h.PageAllIdsAsync($"task/?_type=all&date_updated__gte={Q(cut)}", 1000);
        var byCreated = await _h.GetOkAsync("task/?_type=all&_order_by=-date_created&_limit=1000");

        Assert.Equal(all.Where(t => t.Render()["is_complete"]!.GetValue<bool>() == false).Select(t => t.Id).Order(StringComparer.Ordinal), open.Order(StringComparer.Ordinal));
        Assert.Equal(all.Where(t => t.DateUpdated >= cut).Select(t => t.Id).Order(StringComparer.Ordinal), recent.Order(StringComparer.Ordinal));
        var created = ApiHarness.Ids(byCreated).Select(id => all.Single(t => t.Id == id).DateCreated).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);
        await _h.GetBadRequestAsync("task/?_type=all&_order_by=priority");
    }

    [Theory]
    [InlineData("date")]
    [InlineData("due_date")]
    public async Task Task_date_and_due_date_filters_compare_the_tasks_own_dates(string field)
    {
        var dated = _h.Org.Tasks().Select(t => (t.Id, Date: DateOf(t.Render(), field))).Where(t => t.Date is not null).ToList();
        Assert.True(dated.Count > 2, $"the org should hold tasks with a {field}");
        var cut = dated.Select(t => t.Date!.Value).Order().ElementAt(dated.Count / 2);

        var ids = await _h.PageAllIdsAsync($"task/?_type=all&{field}__lt={Q(cut)}", 1000);

        Assert.Equal(dated.Where(t => t.Date < cut).Select(t => t.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Task_assigned_to_and_id_in_filters()
    {
        var tasks = _h.Org.Tasks().Select(t => (t.Id, Json: t.Render())).ToList();
        var user = tasks[0].Json["assigned_to"]!.GetValue<string>();
        var some = tasks.Where((_, i) => i % 3 == 0).Select(t => t.Id).ToList();

        var assigned = await _h.PageAllIdsAsync($"task/?_type=all&assigned_to={user}", 1000);
        var picked = await _h.PageAllIdsAsync($"task/?_type=all&id__in={string.Join(',', some)}", 1000);

        Assert.Equal(tasks.Where(t => t.Json["assigned_to"]?.GetValue<string>() == user).Select(t => t.Id).Order(StringComparer.Ordinal), assigned.Order(StringComparer.Ordinal));
        Assert.Equal(some.Order(StringComparer.Ordinal), picked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Opportunity_date_won_filter_keeps_won_opportunities_in_range()
    {
        var won = _h.Org.Opportunities().Select(o => (o.Id, Won: DateOf(o.Render(), "date_won"))).Where(o => o.Won is not null).ToList();
        Assert.NotEmpty(won);
        var cut = won.Select(o => o.Won!.Value).Min();

        var ids = await _h.PageAllIdsAsync($"opportunity/?date_won__gte={Q(cut)}", 250);

        Assert.Equal(won.Select(o => o.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    private static DateTimeOffset? DateOf(JsonObject o, string field) =>
        o[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? DateTimeOffset.Parse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;

    [Fact]
    public async Task Opportunity_date_updated_filter_and_contact_lead_filter()
    {
        var opps = _h.Org.Opportunities().ToList();
        var cut = opps.Select(o => o.DateUpdated).Order().ElementAt(opps.Count / 2);
        var recent = await _h.PageAllIdsAsync($"opportunity/?date_updated__gte={Q(cut)}", 250);
        Assert.Equal(opps.Where(o => o.DateUpdated >= cut).Select(o => o.Id).Order(StringComparer.Ordinal), recent.Order(StringComparer.Ordinal));

        var lead = _h.Org.Leads().First(l => _h.Org.Contacts(l.Id).Any());
        var contacts = await _h.PageAllIdsAsync($"contact/?lead_id={lead.Id}", 100);
        Assert.Equal(_h.Org.Contacts(lead.Id).Select(c => c.Id), contacts);
    }

    [Theory]
    [InlineData("active")]
    [InlineData("won")]
    [InlineData("lost")]
    public async Task Opportunity_status_type_filter_keeps_only_that_type(string statusType)
    {
        var expected = _h.Org.Opportunities().Where(o => (string?)o.Render()["status_type"] == statusType).Select(o => o.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < _h.Org.Opportunities().Count());

        var ids = await _h.PageAllIdsAsync($"opportunity/?status_type={statusType}", 250);

        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Lead_total_results_counts_every_lead()
    {
        var page = await _h.GetOkAsync("lead/?_limit=5");
        Assert.Equal(_h.Org.Count(SandboxResource.Lead), page["total_results"]!.GetValue<int>());
        Assert.True(page["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Fields_limit_the_columns_and_custom_selects_custom_field_values()
    {
        var lead = await _h.GetOkAsync("lead/?_limit=20");
        var withCustom = lead["data"]!.AsArray().Select(l => l!.AsObject()).First(l => l.Any(p => p.Key.StartsWith("custom.")));
        var oneKey = withCustom.First(p => p.Key.StartsWith("custom.")).Key;
        var id = withCustom["id"]!.GetValue<string>();

        var narrow = await _h.GetOkAsync($"lead/{id}/?_fields=id,display_name");
        var custom = await _h.GetOkAsync($"lead/{id}/?_fields=id,custom");
        var single = await _h.GetOkAsync($"lead/{id}/?_fields=id,{oneKey}");

        Assert.Equal(["display_name", "id"], narrow.Select(p => p.Key).Order());
        Assert.Equal(withCustom.Where(p => p.Key.StartsWith("custom.")).Select(p => p.Key).Append("id").Order(StringComparer.Ordinal),
            custom.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "id", oneKey }.Order(StringComparer.Ordinal), single.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Fields_apply_to_list_endpoints_too()
    {
        var page = await _h.GetOkAsync("activity/?_fields=id,_type&_limit=5");
        Assert.All(page["data"]!.AsArray(), a => Assert.Equal(["_type", "id"], a!.AsObject().Select(p => p.Key).Order()));
    }
}
