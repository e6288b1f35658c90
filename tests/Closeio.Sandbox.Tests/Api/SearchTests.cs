namespace Closeio.Sandbox.Tests.Api;

/// <summary><c>POST /data/search/</c>: queries, sort, fields, cursors, expiry and the result cap.</summary>
public sealed class SearchTests() : ApiTest(ApiHarness.Create(new SandboxApiOptions { SearchResultCap = 10 }))
{
    internal static JsonArray Sort(string field, string direction, string objectType = "lead") =>
    [
        new JsonObject
        {
            ["direction"] = direction,
            ["field"] = new JsonObject { ["type"] = "regular_field", ["object_type"] = objectType, ["field_name"] = field },
        },
    ];

    private static JsonObject UpdatedSince(DateTimeOffset from, string objectType = "lead") => new()
    {
        ["type"] = "and",
        ["queries"] = new JsonArray
        {
            new JsonObject { ["type"] = "object_type", ["object_type"] = objectType },
            new JsonObject
            {
                ["type"] = "field_condition",
                ["field"] = new JsonObject { ["type"] = "regular_field", ["object_type"] = objectType, ["field_name"] = "date_updated" },
                ["condition"] = new JsonObject
                {
                    ["type"] = "moment_range",
                    ["on_or_after"] = new JsonObject { ["type"] = "fixed_utc", ["value"] = Moment(from) },
                },
            },
        },
    };

    /// <summary>A moment as Close accepts it: <c>toISOString()</c>, milliseconds and Z (rounded down).</summary>
    internal static string Moment(DateTimeOffset t) =>
        new DateTimeOffset(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private DateTimeOffset MedianLeadUpdate()
    {
        var leads = _h.Org.Leads().ToList();
        return leads.Select(l => l.DateUpdated).Order().ElementAt(leads.Count / 2);
    }

    [Fact]
    public async Task A_moment_range_on_date_updated_selects_leads_updated_since_and_sorts_them()
    {
        var from = MedianLeadUpdate();
        var (status, page) = await _h.PostAsync("data/search/", new JsonObject
        {
            ["query"] = UpdatedSince(from),
            ["sort"] = Sort("date_updated", "asc"),
            ["_fields"] = new JsonObject { ["lead"] = new JsonArray("id", "date_updated") },
            ["results_limit"] = 200,
            ["_limit"] = 200,
            ["include_counts"] = true,
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var expected = _h.Org.Leads().Where(l => l.DateUpdated >= from).OrderBy(l => l.DateUpdated).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
        var capped = expected.Take(10).ToList(); // SearchResultCap = 10
        Assert.Equal(capped.Select(l => l.Id), ApiHarness.Ids(page));
        Assert.All(page["data"]!.AsArray(), r => Assert.Equal(["__object_type", "date_updated", "id"], r!.AsObject().Select(p => p.Key).Order()));
        Assert.Equal(expected.Count, page["count"]!["total"]!.GetValue<int>());
        Assert.Equal(Math.Min(10, expected.Count), page["count"]!["limited"]!.GetValue<int>());
    }

    [Fact]
    public async Task Results_are_only_ids_by_default_and_sort_desc_reverses_the_order()
    {
        var (_, asc) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["sort"] = Sort("date_created", "asc"), ["_limit"] = 5 });
        var (_, desc) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["sort"] = Sort("date_created", "desc"), ["_limit"] = 5 });

        var byCreated = _h.Org.Leads().OrderBy(l => l.DateCreated).ThenBy(l => l.Id, StringComparer.Ordinal).Select(l => l.Id).ToList();
        Assert.Equal(byCreated.Take(5), ApiHarness.Ids(asc));
        Assert.Equal(byCreated.AsEnumerable().Reverse().Take(5), ApiHarness.Ids(desc));
        Assert.Equal(["__object_type", "id"], asc["data"]![0]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("lead", asc["data"]![0]!["__object_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_result_cap_ends_a_query_with_a_null_cursor()
    {
        var body = new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["sort"] = Sort("date_updated", "asc"), ["_limit"] = 4 };
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            body["cursor"] = cursor;
            var (_, page) = await _h.PostAsync("data/search/", body.DeepClone());
            sizes.Add(page["data"]!.AsArray().Count);
            cursor = page["cursor"]?.GetValue<string>();
        } while (cursor is not null);

        Assert.True(_h.Org.Count(SandboxResource.Lead) > 10);
        Assert.Equal([4, 4, 2], sizes);
    }

    [Fact]
    public async Task Results_limit_caps_a_query_below_the_search_cap()
    {
        var (_, page) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["_limit"] = 5, ["results_limit"] = 3 });
        Assert.Equal(3, page["data"]!.AsArray().Count);
        Assert.Null(page["cursor"]);
    }

    [Fact]
    public async Task A_cursor_expires_after_cursor_expiry_on_the_org_clock()
    {
        var body = new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["sort"] = Sort("date_updated", "asc"), ["_limit"] = 2 };
        var (_, first) = await _h.PostAsync("data/search/", body.DeepClone());
        var cursor = first["cursor"]!.GetValue<string>();

        _h.Clock.Advance(TimeSpan.FromSeconds(30));
        body["cursor"] = cursor;
        var (fresh, _) = await _h.PostAsync("data/search/", body.DeepClone());
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        var (expired, error) = await _h.PostAsync("data/search/", body.DeepClone());

        Assert.Equal(HttpStatusCode.OK, fresh);
        Assert.Equal(HttpStatusCode.BadRequest, expired);
        // Close answers with its validation shape, the message in a list under the field's name.
        Assert.Equal("Expired cursor", error["field-errors"]!["cursor"]!.AsArray().Single()!.GetValue<string>());
    }

    [Fact]
    public async Task A_cursor_of_another_query_is_refused()
    {
        var (_, first) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["_limit"] = 2 });
        var (status, _) = await _h.PostAsync("data/search/", new JsonObject
        {
            ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch.AddDays(1)), ["_limit"] = 2, ["cursor"] = first["cursor"]!.GetValue<string>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Contacts_are_searchable_and_limit_above_200_is_refused()
    {
        var (_, contacts) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch, "contact"), ["_limit"] = 200, ["results_limit"] = 5 });
        var (tooMany, _) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["_limit"] = 201 });

        Assert.All(contacts["data"]!.AsArray(), r => Assert.Equal("contact", r!["__object_type"]!.GetValue<string>()));
        Assert.Equal(5, contacts["data"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
    }

    [Fact]
    public async Task A_query_without_object_type_is_refused()
    {
        var (status, body) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = new JsonObject { ["type"] = "and", ["queries"] = new JsonArray() } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("object_type", body["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2025-03-18T15:49:14.689000+00:00")]
    [InlineData("2025-03-18T15:49:14.689+00:00")]
    [InlineData("2025-03-18T15:49:14.689123Z")]
    [InlineData("2025-03-18T15:49:14Z")]
    [InlineData("2025-03-18")]
    public async Task A_moment_not_written_as_toISOString_is_refused(string value)
    {
        var query = UpdatedSince(DateTimeOffset.UnixEpoch);
        query["queries"]![1]!["condition"]!["on_or_after"]!["value"] = value;

        var (status, body) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = query });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(value, ApiHarness.ErrorText(body));
    }

    [Fact]
    public async Task A_moment_with_milliseconds_and_Z_is_accepted()
    {
        var query = UpdatedSince(DateTimeOffset.UnixEpoch);
        query["queries"]![1]!["condition"]!["on_or_after"]!["value"] = "2025-03-18T15:49:14.689Z";

        var (status, _) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = query });

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_cursor_is_a_position_so_an_edit_between_pages_skips_the_lead_that_slid_up()
    {
        var body = new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["sort"] = Sort("date_updated", "asc"), ["_limit"] = 3 };
        var (_, first) = await _h.PostAsync("data/search/", body.DeepClone());
        var firstIds = ApiHarness.Ids(first).ToList();
        var before = _h.Org.Leads().OrderBy(l => l.DateUpdated).ThenBy(l => l.Id, StringComparer.Ordinal).Select(l => l.Id).ToList();

        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        _h.Org.UpdateLead(firstIds[0]);   // leaves the first page: it now sorts last
        body["cursor"] = first["cursor"]!.GetValue<string>();
        var (_, second) = await _h.PostAsync("data/search/", body.DeepClone());

        Assert.Equal(before.Take(3), firstIds);
        // The fourth lead slid into the third place, which the cursor had already passed.
        Assert.Equal(before.Skip(4).Take(3), ApiHarness.Ids(second));
    }

    [Fact]
    public async Task More_than_100_fields_selectors_are_refused()
    {
        var names = new JsonArray("id", "date_updated");
        for (var i = 0; i < 99; i++) names.Add($"display_name{i}");
        var (many, body) = await _h.PostAsync("data/search/", new JsonObject
        {
            ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["_fields"] = new JsonObject { ["lead"] = names.DeepClone() },
        });
        names.RemoveAt(names.Count - 1);
        var (hundred, _) = await _h.PostAsync("data/search/", new JsonObject
        {
            ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["_fields"] = new JsonObject { ["lead"] = names.DeepClone() },
        });

        Assert.Equal(HttpStatusCode.BadRequest, many);
        Assert.Contains("_fields", ApiHarness.ErrorText(body));
        Assert.Equal(HttpStatusCode.OK, hundred);
    }

    [Fact]
    public async Task A_selector_of_a_deleted_custom_field_is_refused_naming_it()
    {
        var field = _h.Org.CustomFields("lead").First().Id;
        var fields = new JsonObject { ["lead"] = new JsonArray("id", "custom." + field) };
        var (live, _) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["_fields"] = fields.DeepClone() });

        _h.Org.DeleteCustomField(field);
        var (gone, body) = await _h.PostAsync("data/search/", new JsonObject { ["query"] = UpdatedSince(DateTimeOffset.UnixEpoch), ["_fields"] = fields.DeepClone() });

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.BadRequest, gone);
        Assert.Contains("custom." + field, ApiHarness.ErrorText(body));
        Assert.DoesNotContain(_h.Org.CustomFields("lead"), cf => cf.Id == field);
    }
}
