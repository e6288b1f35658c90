namespace Closeio.Sandbox.Tests.Api;

/// <summary>The objects beyond the seed streams: lists, paging, one object by id, fields, filters and required parameters.</summary>
public sealed class DirectoryTests() : ApiTest(ApiHarness.Create(leads: 120, activities: 400))
{
    private static string S(JsonNode? n, string key) => n![key]!.GetValue<string>();

    public static TheoryData<string, string[]> Lists() => new()
    {
        { "status/lead/", ["id", "label", "organization_id"] },
        { "status/opportunity/", ["id", "label", "type", "pipeline_id", "organization_id"] },
        { "pipeline/", ["id", "name", "statuses", "organization_id", "created_by", "updated_by", "date_created", "date_updated"] },
        { "email_template/", ["id", "name", "subject", "body", "is_shared", "is_archived", "attachments", "organization_id", "created_by", "updated_by", "date_created", "date_updated"] },
        { "sms_template/", ["id", "name", "text", "is_shared", "organization_id", "created_by", "updated_by", "date_created", "date_updated"] },
        { "sequence/", ["id", "name", "status", "steps", "organization_id", "created_by", "updated_by", "date_created", "date_updated"] },
        { "custom_activity/", ["id", "name", "description", "fields", "organization_id", "created_by", "updated_by", "date_created", "date_updated"] },
        { "custom_object_type/", ["id", "name", "name_plural", "fields", "organization_id", "created_by", "updated_by", "date_created", "date_updated"] },
        { "saved_search/", ["id", "name", "type", "query", "user_id", "organization_id", "created_by", "updated_by", "date_created", "date_updated"] },
        { "role/", ["id", "name", "permissions", "organization_id"] },
        { "group/", ["id", "name", "organization_id", "date_created", "date_updated"] },
        { "phone_number/", ["id", "number", "label", "is_group_number", "user_id", "organization_id", "date_created", "date_updated"] },
        { "comment_thread/", ["id", "object_id", "lead_id", "comments", "organization_id", "date_created", "date_updated"] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Each_list_serves_its_objects_with_Closes_fields_and_each_by_id(string path, string[] fields)
    {
        var page = await _h.GetOkAsync(path);
        var data = page["data"]!.AsArray();
        Assert.NotEmpty(data);
        foreach (var o in data)
        {
            foreach (var f in fields) Assert.True(o!.AsObject().ContainsKey(f), $"{path}: {o!["id"]} lacks {f}");
            Assert.Equal(_h.Org.OrganizationId, S(o, "organization_id"));
        }
        var first = data[0]!;
        var one = await _h.GetOkAsync($"{path}{S(first, "id")}/");
        Assert.True(JsonNode.DeepEquals(first, one), $"{path}{{id}}/ differs from the list's copy");
        var trimmed = await _h.GetOkAsync($"{path}{S(first, "id")}/?_fields=id,organization_id");
        Assert.Equal(["id", "organization_id"], trimmed.Select(p => p.Key).Order().ToArray());
        var (status, _, _) = await _h.GetAsync($"{path}{S(first, "id")[..^1]}x/");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData("email_template/")]
    [InlineData("saved_search/?type__in=lead,contact")]
    [InlineData("phone_number/")]
    [InlineData("sequence_subscription/?sequence_id=")]
    public async Task Skip_limit_paging_returns_each_object_once_and_refuses_pages_over_100(string path)
    {
        if (path.EndsWith('='))
            path += S((await _h.GetOkAsync("sequence/"))["data"]![0], "id");
        var all = ApiHarness.Ids(await _h.GetOkAsync(path + (path.Contains('?') ? "&" : "?") + "_limit=100")).ToList();
        Assert.True(all.Count >= 3, $"{path} has only {all.Count} objects");
        var paged = await _h.PageAllIdsAsync(path, 2);
        Assert.Equal(all, paged);
        Assert.Contains("100", await _h.GetBadRequestAsync(path + (path.Contains('?') ? "&" : "?") + "_limit=101"));
    }

    [Fact]
    public async Task Sizes_scale_with_the_organization_and_repeat_for_a_seed()
    {
        using var small = ApiHarness.Create(leads: 10, activities: 50);
        using var again = ApiHarness.Create(leads: 120, activities: 400);
        var big = await _h.GetOkAsync("email_template/");
        Assert.True(JsonNode.DeepEquals(big, await again.GetOkAsync("email_template/")));
        Assert.True(big["data"]!.AsArray().Count > (await small.GetOkAsync("email_template/"))["data"]!.AsArray().Count);
        Assert.True(_h.Org.Objects(SandboxResource.CustomObject).Count() > small.Org.Objects(SandboxResource.CustomObject).Count());
    }

    [Fact]
    public async Task Lead_and_opportunity_statuses_agree_with_the_leads_and_opportunities_that_carry_them()
    {
        var leadStatuses = (await _h.GetOkAsync("status/lead/"))["data"]!.AsArray().ToDictionary(s => S(s, "id"), s => S(s, "label"));
        foreach (var lead in ApiHarness.Ids(await _h.GetOkAsync("lead/?_limit=200&_fields=id")))
        {
            var l = await _h.GetOkAsync($"lead/{lead}/?_fields=status_id,status_label");
            Assert.True(leadStatuses.TryGetValue(S(l, "status_id"), out var label), $"lead {lead} has an unknown status");
            Assert.Equal(label, S(l, "status_label"));
        }
        var oppStatuses = (await _h.GetOkAsync("status/opportunity/"))["data"]!.AsArray().ToDictionary(s => S(s, "id"));
        var opportunities = (await _h.GetOkAsync("opportunity/?_limit=250"))["data"]!.AsArray();
        Assert.NotEmpty(opportunities);
        foreach (var o in opportunities)
        {
            var status = oppStatuses[S(o, "status_id")];
            Assert.Equal(S(status, "label"), S(o, "status_label"));
            Assert.Equal(S(status, "type"), S(o, "status_type"));
        }
        var pipelines = (await _h.GetOkAsync("pipeline/"))["data"]!.AsArray();
        var inPipelines = pipelines.SelectMany(p => p!["statuses"]!.AsArray().Select(s => (Pipeline: S(p, "id"), Status: S(s, "id")))).ToList();
        Assert.Equal(oppStatuses.Keys.Order(), inPipelines.Select(x => x.Status).Order());
        Assert.All(inPipelines, x => Assert.Equal(x.Pipeline, S(oppStatuses[x.Status], "pipeline_id")));
        // /me/'s organization lists the same statuses.
        var me = await _h.GetOkAsync("me/");
        Assert.Equal(leadStatuses.Keys.Order(), me["organizations"]![0]!["lead_statuses"]!.AsArray().Select(s => S(s, "id")).Order());
    }

    [Theory]
    [InlineData("status/lead/")]
    [InlineData("status/opportunity/")]
    [InlineData("pipeline/")]
    public async Task Statuses_and_pipelines_answer_the_whole_list_without_has_more_by_default(string path)
    {
        var whole = await _h.GetOkAsync(path + "?_limit=1");
        Assert.False(whole.ContainsKey("has_more"));
        Assert.True(whole["data"]!.AsArray().Count > 1);

        using var paged = ApiHarness.Create(leads: 120, activities: 400);
        paged.Api.Options.WholeListWithoutHasMore.Clear();
        var first = await paged.GetOkAsync(path + "?_limit=1");
        Assert.True(first["has_more"]!.GetValue<bool>());
        Assert.Equal(ApiHarness.Ids(whole), await paged.PageAllIdsAsync(path, 1));
    }

    [Theory]
    [InlineData("sequence_subscription/", "sequence_id")]
    [InlineData("custom_object/", "lead_id")]
    [InlineData("comment/", "object_id")]
    public async Task Dependent_lists_refuse_to_answer_without_their_required_filter(string path, string named)
    {
        var (status, body, _) = await _h.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, body!.ToJsonString());
    }

    [Fact]
    public async Task Sequence_subscriptions_filter_by_sequence_contact_or_lead()
    {
        var all = _h.Org.Objects(SandboxResource.SequenceSubscription).Select(i => i.Render()).ToList();
        Assert.NotEmpty(all);
        var sample = all[0];
        foreach (var filter in new[] { "sequence_id", "contact_id", "lead_id" })
        {
            var expected = all.Where(s => S(s, filter) == S(sample, filter)).Select(s => S(s, "id")).ToList();
            var got = await _h.PageAllIdsAsync($"sequence_subscription/?{filter}={S(sample, filter)}", 100);
            Assert.Equal(expected, got);
        }
        var contact = _h.Org.Find(SandboxResource.Contact, S(sample, "contact_id"))!.Render();
        Assert.Equal(S(contact, "lead_id"), S(sample, "lead_id"));
    }

    [Fact]
    public async Task Custom_objects_of_a_lead_and_comments_of_a_thread_or_object()
    {
        var objects = _h.Org.Objects(SandboxResource.CustomObject).Select(i => i.Render()).ToList();
        var lead = S(objects[0], "lead_id");
        var page = await _h.GetOkAsync($"custom_object/?lead_id={lead}");
        Assert.Equal(objects.Where(o => S(o, "lead_id") == lead).Select(o => S(o, "id")), ApiHarness.Ids(page));
        Assert.All(page["data"]!.AsArray(), o => Assert.Contains(S(o, "custom_object_type_id"),
            _h.Org.Objects(SandboxResource.CustomObjectType).Select(t => t.Id)));

        var thread = (await _h.GetOkAsync("comment_thread/"))["data"]![0]!;
        var byThread = await _h.GetOkAsync($"comment/?thread_id={S(thread, "id")}");
        Assert.Equal(thread["comments"]!.AsArray().Select(c => S(c, "id")), ApiHarness.Ids(byThread));
        var byObject = await _h.GetOkAsync($"comment/?object_id={S(thread, "object_id")}");
        Assert.Superset(ApiHarness.Ids(byThread).ToHashSet(), ApiHarness.Ids(byObject).ToHashSet());
        Assert.NotNull(_h.Org.Find(SandboxResource.Activity, S(thread, "object_id")));
        var byIds = await _h.GetOkAsync($"comment_thread/?object_ids={S(thread, "object_id")}");
        Assert.Contains(S(thread, "id"), ApiHarness.Ids(byIds));
    }

    [Fact]
    public async Task Smart_views_are_lead_views_unless_contact_views_are_asked_for()
    {
        var byDefault = (await _h.GetOkAsync("saved_search/"))["data"]!.AsArray();
        Assert.All(byDefault, v => Assert.Equal("lead", S(v, "type")));
        var both = (await _h.GetOkAsync("saved_search/?type__in=lead,contact"))["data"]!.AsArray();
        Assert.Contains(both, v => S(v, "type") == "contact");
        Assert.Equal(byDefault.Count, both.Count(v => S(v, "type") == "lead"));
        Assert.Contains("type", await _h.GetBadRequestAsync("saved_search/?type__in=lead,opportunity"));
    }

    [Fact]
    public async Task Groups_list_without_members_and_show_them_when_fields_ask()
    {
        var groups = (await _h.GetOkAsync("group/"))["data"]!.AsArray();
        Assert.All(groups, g => Assert.False(g!.AsObject().ContainsKey("members")));
        var id = S(groups[0], "id");
        Assert.False((await _h.GetOkAsync($"group/{id}/")).ContainsKey("members"));
        var withMembers = await _h.GetOkAsync($"group/{id}/?_fields=name,members");
        var users = _h.Org.Users().Select(u => u.Id).ToHashSet();
        var members = withMembers["members"]!.AsArray();
        Assert.NotEmpty(members);
        Assert.All(members, m => Assert.Contains(S(m, "user_id"), users));
        Assert.Equal(["members", "name"], withMembers.Select(p => p.Key).Order().ToArray());
    }

    [Fact]
    public async Task The_organization_from_me_lists_one_membership_per_user_with_a_role()
    {
        var orgId = (await _h.GetOkAsync("me/"))["organizations"]![0]!["id"]!.GetValue<string>();
        var org = await _h.GetOkAsync($"organization/{orgId}/");
        var roles = ApiHarness.Ids(await _h.GetOkAsync("role/")).ToHashSet();
        var memberships = org["memberships"]!.AsArray();
        Assert.Equal(_h.Org.Users().Select(u => u.Id), memberships.Select(m => S(m, "user_id")));
        Assert.All(memberships, m => Assert.Contains(S(m, "role_id"), roles));
        Assert.Equal(memberships.Count, memberships.Select(m => S(m, "id")).Distinct().Count());
        var (status, _, _) = await _h.GetAsync("organization/orga_nothere/");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData(SandboxRestriction.NoPermission, HttpStatusCode.Forbidden)]
    [InlineData(SandboxRestriction.NotOnPlan, HttpStatusCode.NotFound)]
    public async Task A_restricted_endpoint_answers_403_or_404_with_an_error_body(SandboxRestriction restriction, HttpStatusCode expected)
    {
        var id = S((await _h.GetOkAsync("sequence/"))["data"]![0], "id");
        _h.Api.Options.Restrictions["/sequence/"] = restriction;
        foreach (var path in new[] { "sequence/", $"sequence/{id}/" })
        {
            var (status, body, _) = await _h.GetAsync(path);
            Assert.Equal(expected, status);
            Assert.False(string.IsNullOrEmpty(body!["error"]!.GetValue<string>()));
        }
        // Only that endpoint: its neighbours, subscriptions included, still answer.
        await _h.GetOkAsync("email_template/");
        await _h.GetOkAsync($"sequence_subscription/?sequence_id={id}");
        // Auth still comes first.
        var (unauthorized, _, _) = await _h.GetAsync("sequence/", _h.NewClient("wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
    }
}
