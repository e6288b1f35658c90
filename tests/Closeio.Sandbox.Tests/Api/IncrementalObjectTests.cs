namespace Closeio.Sandbox.Tests.Api;

/// <summary>The two incremental reads beyond leads: opportunities by date_updated, contacts through /data/search/.</summary>
public sealed class IncrementalObjectTests() : ApiTest(ApiHarness.Create(leads: 150, activities: 300))
{
    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("date_updated", false)]
    [InlineData("-date_updated", true)]
    public async Task Opportunities_filter_on_date_updated_bounds_and_order_by_it(string orderBy, bool descending)
    {
        var all = _h.Org.Opportunities().OrderBy(o => o.DateUpdated).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
        var lo = all[all.Count / 4].DateUpdated;
        var hi = all[3 * all.Count / 4].DateUpdated;
        var expected = all.Where(o => o.DateUpdated > lo && o.DateUpdated <= hi).Select(o => o.Id).ToList();
        if (descending) expected = all.Where(o => o.DateUpdated > lo && o.DateUpdated <= hi)
            .OrderByDescending(o => o.DateUpdated).ThenByDescending(o => o.Id, StringComparer.Ordinal).Select(o => o.Id).ToList();
        var got = await _h.PageAllIdsAsync($"opportunity/?date_updated__gt={Q(lo)}&date_updated__lte={Q(hi)}&_order_by={orderBy}", 7);
        Assert.Equal(expected, got);

        var gte = await _h.PageAllIdsAsync($"opportunity/?date_updated__gte={Q(lo)}&date_updated__lt={Q(hi)}&_order_by=date_updated", 250);
        Assert.Equal(all.Where(o => o.DateUpdated >= lo && o.DateUpdated < hi).Select(o => o.Id), gte);
    }

    [Fact]
    public async Task Opportunities_order_by_date_created_and_refuse_other_orders()
    {
        var expected = _h.Org.Opportunities().OrderBy(o => o.DateCreated).ThenBy(o => o.Id, StringComparer.Ordinal).Select(o => o.Id);
        Assert.Equal(expected, await _h.PageAllIdsAsync("opportunity/?_order_by=date_created", 250));
        Assert.Contains("_order_by", await _h.GetBadRequestAsync("opportunity/?_order_by=value"));
    }

    private static JsonObject ContactQuery(DateTimeOffset from, DateTimeOffset before, string? fromText = null) => new()
    {
        ["type"] = "and",
        ["queries"] = new JsonArray
        {
            new JsonObject { ["type"] = "object_type", ["object_type"] = "contact" },
            new JsonObject
            {
                ["type"] = "field_condition",
                ["field"] = new JsonObject { ["type"] = "regular_field", ["object_type"] = "contact", ["field_name"] = "date_updated" },
                ["condition"] = new JsonObject
                {
                    ["type"] = "moment_range",
                    ["on_or_after"] = new JsonObject { ["type"] = "fixed_utc", ["value"] = fromText ?? SearchTests.Moment(from) },
                    ["before"] = new JsonObject { ["type"] = "fixed_utc", ["value"] = SearchTests.Moment(before) },
                },
            },
        },
    };

    [Fact]
    public async Task Contacts_search_by_a_date_updated_range_ascending_with_fields_and_cursor()
    {
        var contacts = _h.Org.Contacts().OrderBy(c => c.DateUpdated).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var from = contacts[contacts.Count / 3].DateUpdated.AddTicks(-contacts[contacts.Count / 3].DateUpdated.Ticks % TimeSpan.TicksPerMillisecond);
        var before = DateTimeOffset.UtcNow.AddYears(1);
        var expected = contacts.Where(c => c.DateUpdated >= from).Select(c => c.Id).ToList();
        var delivered = new List<string>();
        JsonNode? cursor = null;
        do
        {
            var (status, page) = await _h.PostAsync("data/search/", new JsonObject
            {
                ["query"] = ContactQuery(from, before),
                ["sort"] = SearchTests.Sort("date_updated", "asc", "contact"),
                ["_fields"] = new JsonObject { ["contact"] = new JsonArray("id", "lead_id", "date_updated", "name") },
                ["_limit"] = 9,
                ["cursor"] = cursor?.DeepClone(),
            });
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var r in page["data"]!.AsArray())
            {
                Assert.Equal("contact", r!["__object_type"]!.GetValue<string>());
                Assert.Equal(["__object_type", "date_updated", "id", "lead_id", "name"], r.AsObject().Select(p => p.Key).Order().ToArray());
                delivered.Add(r["id"]!.GetValue<string>());
            }
            cursor = page["cursor"];
        } while (cursor is not null);
        Assert.Equal(expected, delivered);
    }

    [Fact]
    public async Task Contact_search_refuses_moments_not_written_as_toISOString_does()
    {
        var from = _h.Org.Contacts().First().DateUpdated;
        var (status, body) = await _h.PostAsync("data/search/", new JsonObject
        {
            ["query"] = ContactQuery(from, from.AddDays(1), from.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture)),
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Z", ApiHarness.ErrorText(body));
    }
}
