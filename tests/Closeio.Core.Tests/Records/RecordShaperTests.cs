namespace Closeio.Core.Tests.Records;

public class RecordShaperTests
{
    private static readonly CustomFieldDefinition Industry = new("cf_ind", "Industry", "lead", "choices");
    private static readonly CustomFieldDefinition Renewal = new("cf_ren", "Renewal at", "lead", "datetime");
    private static readonly CustomFieldDefinition Region = new("cf_reg", "Region", "shared", "text");
    private static readonly CustomFieldDefinition ContactOnly = new("cf_con", "Pronouns", "contact", "text");
    private static readonly CustomFieldDefinition Outcome = new("cf_out", "Outcome", "activity", "choices");

    private static Record Shape(RecordShaper shaper, string json)
    {
        using var doc = JsonDocument.Parse(json);
        return shaper.Shape(doc.RootElement);
    }

    private static RecordShaper Activities() =>
        new(StreamCatalog.Get("activities"), [Outcome, Industry]);

    [Fact]
    public void Records_of_different_types_get_the_same_columns_in_the_same_order()
    {
        var shaper = Activities();
        var call = Shape(shaper, """
            {"id":"acti_1","_type":"Call","date_created":"2024-05-01T10:00:00.000000+00:00","duration":42,
             "phone":"+15555550100","custom.cf_out":"Left message"}
            """);
        var email = Shape(shaper, """
            {"id":"acti_2","_type":"Email","date_created":"2024-05-01T11:00:00Z","subject":"Hi",
             "to":["a@example.com"],"envelope":{"subject":"Hi","date":"2024-05-01T10:59:00"}}
            """);

        Assert.Equal(shaper.Columns, call.Names);
        Assert.Equal(shaper.Columns, email.Names);
        Assert.Same(call.Names, email.Names);
        // Schema fields, then custom fields of the stream's kinds only, then _extra.
        Assert.Equal(StreamCatalog.Get("activities").Fields.Select(f => f.Name).Append("Outcome").Append("_extra"),
            shaper.Columns);

        Assert.Equal(42L, call["duration"]);
        Assert.Null(call["subject"]);
        Assert.Equal("Left message", call["Outcome"]);
        Assert.Null(email["duration"]);
        Assert.Null(email["Outcome"]);
        Assert.Equal("Hi", email["subject"]);
        Assert.Null(call["_extra"]);
        Assert.Equal("""["a@example.com"]""", email["to"]!.ToString());
    }

    [Fact]
    public void Record_carries_stream_id_and_parsed_key()
    {
        var record = Shape(Activities(), """{"id":"acti_9","date_created":"2024-05-01T10:00:00.5+02:00"}""");
        Assert.Equal("activities", record.Stream);
        Assert.Equal("acti_9", record.Id);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 0, 0, 500, TimeSpan.Zero), record.Key);
        Assert.Equal("2024-05-01T08:00:00.500000Z", record["date_created"]);
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00.000000+00:00")]
    [InlineData("2024-05-01T10:00:00")]
    [InlineData("2024-05-01T10:00:00Z")]
    [InlineData("2024-05-01T12:00:00.000+02:00")]
    public void Timestamps_of_every_style_are_normalized_everywhere(string style)
    {
        var shaper = new RecordShaper(StreamCatalog.Get("leads"), [Renewal]);
        var record = Shape(shaper, $$"""
            {"id":"lead_1","date_updated":"{{style}}","date_created":"{{style}}",
             "contacts":[{"id":"cont_1","date_created":"{{style}}","emails":[]}],
             "opportunities":[{"id":"oppo_1","date_won":"2024-04-30"}],
             "custom.cf_ren":"{{style}}","seen_at":"{{style}}"}
            """);
        const string canonical = "2024-05-01T10:00:00.000000Z";
        Assert.Equal(canonical, record["date_updated"]);
        Assert.Equal(canonical, record["date_created"]);
        var contact = Assert.IsType<RecordMap>(Assert.IsType<RecordList>(record["contacts"])[0]);
        Assert.Equal(canonical, contact["date_created"]);
        Assert.Equal(canonical, record["Renewal at"]);
        Assert.Equal(canonical, Assert.IsType<RecordMap>(record["_extra"])["seen_at"]);
        // A bare date is a calendar day, not an instant: kept as Close sent it.
        var opportunity = Assert.IsType<RecordMap>(Assert.IsType<RecordList>(record["opportunities"])[0]);
        Assert.Equal("2024-04-30", opportunity["date_won"]);
    }

    [Fact]
    public void Datetime_custom_values_are_normalized_even_when_nested()
    {
        var closeDate = new CustomFieldDefinition("cf_close", "Close date", "opportunity", "datetime");
        var shaper = new RecordShaper(StreamCatalog.Get("leads"), [closeDate, Renewal]);
        var record = Shape(shaper, """
            {"id":"lead_1","date_updated":"2024-05-01T10:00:00Z","custom.cf_ren":"2024-06-01T00:00:00+00:00",
             "opportunities":[{"id":"oppo_1","custom.cf_close":"2024-07-01T12:00:00+00:00","custom.cf_text":"2024-07-01T12:00:00+00:00"}]}
            """);
        Assert.Equal("2024-06-01T00:00:00.000000Z", record["Renewal at"]);
        Assert.Equal("2024-06-01T00:00:00.000000Z", ((RecordMap)record["custom_fields"]!)["cf_ren"]);
        var opportunity = (RecordMap)((RecordList)record["opportunities"]!)[0]!;
        Assert.Equal("2024-07-01T12:00:00.000000Z", opportunity["custom.cf_close"]);
        // Not a datetime field: its text is the user's, kept as typed.
        Assert.Equal("2024-07-01T12:00:00+00:00", opportunity["custom.cf_text"]);
    }

    [Fact]
    public void Text_that_is_not_a_timestamp_is_left_alone()
    {
        var record = Shape(Activities(), """
            {"id":"acti_1","date_created":"2024-05-01T10:00:00Z","note":"2024-05-01T10:00:00Z",
             "envelope":{"date":"Wed, 01 May 2024 10:00:00 +0000"}}
            """);
        Assert.Equal("2024-05-01T10:00:00Z", record["note"]);
        Assert.Equal("Wed, 01 May 2024 10:00:00 +0000", ((RecordMap)record["envelope"]!)["date"]);
    }

    [Fact]
    public void Values_get_plain_dotnet_types()
    {
        var record = Shape(Activities(), """
            {"id":"acti_1","date_created":"2024-05-01T10:00:00Z","duration":7,"need_smtp_credentials":false,
             "opportunity_value":12.5,"opportunity_confidence":null,"big":12345678901234567890,
             "tiny":1e-300}
            """);
        Assert.Equal(7L, record["duration"]);
        Assert.Equal(false, record["need_smtp_credentials"]);
        Assert.Equal(12.5m, record["opportunity_value"]);
        Assert.Null(record["opportunity_confidence"]);
        var extra = (RecordMap)record["_extra"]!;
        Assert.Equal(12345678901234567890m, extra["big"]);
        Assert.Equal(1e-300, extra["tiny"]);
    }

    [Fact]
    public void Custom_fields_become_named_columns_and_are_kept_by_id_on_leads()
    {
        var shaper = new RecordShaper(StreamCatalog.Get("leads"), [Region, Industry, ContactOnly, Outcome]);
        Assert.Equal(["Industry", "Region", "_extra"], shaper.Columns.Skip(21));

        var record = Shape(shaper, """
            {"id":"lead_1","date_updated":"2024-05-01T10:00:00Z","name":"Acme",
             "custom.cf_ind":"Retail","custom.cf_reg":["EU","US"],"custom.cf_gone":"old value"}
            """);
        Assert.Equal("Retail", record["Industry"]);
        Assert.Equal("""["EU","US"]""", record["Region"]!.ToString());
        var byId = Assert.IsType<RecordMap>(record["custom_fields"]);
        Assert.Equal("Retail", byId["cf_ind"]);
        // A value of a field deleted since the definitions were read is not lost.
        Assert.Equal("old value", byId["cf_gone"]);
        Assert.Equal("""{"cf_ind":"Retail","cf_reg":["EU","US"],"cf_gone":"old value"}""", byId.ToString());
    }

    [Fact]
    public void Custom_field_names_that_collide_are_suffixed_with_their_id()
    {
        var shaper = new RecordShaper(StreamCatalog.Get("leads"),
        [
            new("cf_a", "Name", "lead", "text"),        // collides with the schema's "name"
            new("cf_b", "Owner", "lead", "user"),
            new("cf_c", "owner", "shared", "text"),     // collides with another custom field
            new("cf_d", "Budget", "lead", "number"),
        ]);
        Assert.Equal(["Budget", "Name (cf_a)", "Owner (cf_b)", "owner (cf_c)", "_extra"], shaper.Columns.Skip(21));

        var record = Shape(shaper, """
            {"id":"lead_1","date_updated":"2024-05-01T10:00:00Z","name":"Acme","custom.cf_a":"Alias",
             "custom.cf_b":"user_1","custom.cf_c":"Sam","custom.cf_d":1000}
            """);
        Assert.Equal("Acme", record["name"]);
        Assert.Equal("Alias", record["Name (cf_a)"]);
        Assert.Equal("user_1", record["Owner (cf_b)"]);
        Assert.Equal("Sam", record["owner (cf_c)"]);
        Assert.Equal(1000L, record["Budget"]);
    }

    [Fact]
    public void Columns_do_not_depend_on_the_order_Close_lists_custom_fields_in()
    {
        var stream = StreamCatalog.Get("leads");
        Assert.Equal(
            new RecordShaper(stream, [Industry, Region, Renewal]).Columns,
            new RecordShaper(stream, [Renewal, Region, Industry]).Columns);
    }

    [Fact]
    public void Unknown_fields_land_in_extra_so_nothing_is_dropped()
    {
        var record = Shape(new RecordShaper(StreamCatalog.Get("tasks"), []), """
            {"id":"task_1","date_updated":"2024-05-01T10:00:00Z","_type":"lead",
             "new_thing":{"a":[1,2.5,"x",null,true]},"custom.cf_x":"v"}
            """);
        var extra = Assert.IsType<RecordMap>(record["_extra"]);
        Assert.Equal(["new_thing", "custom.cf_x"], extra.Keys);
        Assert.Equal("""{"new_thing":{"a":[1,2.5,"x",null,true]},"custom.cf_x":"v"}""", extra.ToString());
    }

    [Fact]
    public void Nested_lists_and_maps_render_as_compact_json()
    {
        var record = Shape(new RecordShaper(StreamCatalog.Get("leads"), []), """
            {"id":"lead_1","date_updated":"2024-05-01T10:00:00Z",
             "addresses":[{"label":"business","city":"Zürich","address_1":"Main St. 1, \"Suite\" <2>"}],
             "integration_links":[]}
            """);
        Assert.Equal("""[{"label":"business","city":"Zürich","address_1":"Main St. 1, \"Suite\" <2>"}]""",
            record["addresses"]!.ToString());
        Assert.Equal("[]", record["integration_links"]!.ToString());
        Assert.DoesNotContain("System.", RecordText.ToText(record["addresses"]));
    }

    [Fact]
    public void A_properties_subset_keeps_id_and_the_replication_key()
    {
        var shaper = new RecordShaper(StreamCatalog.Get("leads"), [Industry, Region], ["Display_Name", "industry"]);
        Assert.Equal(["id", "date_updated", "display_name", "Industry", "_extra"], shaper.Columns);
        Assert.Equal(["id", "date_updated", "display_name", "custom.cf_ind"], shaper.ServerFields);

        // Fields Close sends anyway but that were not asked for are left out, not put in _extra.
        var record = Shape(shaper, """
            {"id":"lead_1","date_updated":"2024-05-01T10:00:00Z","display_name":"Acme","name":"Acme",
             "custom.cf_ind":"Retail","custom.cf_reg":"EU"}
            """);
        Assert.Equal(["lead_1", "2024-05-01T10:00:00.000000Z", "Acme", "Retail", null],
            record.Select(p => p.Value));
    }

    [Fact]
    public void Custom_fields_can_be_asked_for_by_id()
    {
        var shaper = new RecordShaper(StreamCatalog.Get("leads"), [Industry, Region], ["custom.cf_reg", "cf_ind", "custom_fields"]);
        Assert.Equal(["id", "date_updated", "custom_fields", "Industry", "Region", "_extra"], shaper.Columns);
        Assert.Equal(["id", "date_updated", "custom", "custom.cf_ind", "custom.cf_reg"], shaper.ServerFields);
    }

    [Fact]
    public void No_subset_means_no_server_field_selection()
    {
        Assert.Null(new RecordShaper(StreamCatalog.Get("users"), []).ServerFields);
    }

    [Fact]
    public void An_unknown_property_is_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new RecordShaper(StreamCatalog.Get("users"), [], ["email", "emial"]));
        Assert.Contains("'emial'", error.Message);
        Assert.Contains("first_name", error.Message);
    }

    [Fact]
    public void Missing_or_unparsable_replication_key_is_a_clear_error()
    {
        var shaper = new RecordShaper(StreamCatalog.Get("tasks"), []);
        var missing = Assert.Throws<InvalidDataException>(() => Shape(shaper, """{"id":"task_7"}"""));
        Assert.Contains("tasks", missing.Message);
        Assert.Contains("task_7", missing.Message);
        Assert.Contains("date_updated", missing.Message);

        var bad = Assert.Throws<InvalidDataException>(() =>
            Shape(shaper, """{"id":"task_8","date_updated":"yesterday"}"""));
        Assert.Contains("task_8", bad.Message);
        Assert.Contains("yesterday", bad.Message);

        Assert.Throws<InvalidDataException>(() => Shape(shaper, """{"date_updated":"2024-05-01"}"""));
    }

    [Fact]
    public void Supplied_values_fill_columns_the_object_lacks()
    {
        var shaper = new RecordShaper(StreamCatalog.Get("custom_fields"), []);
        using var doc = JsonDocument.Parse("""{"id":"cf_1","name":"Industry","date_updated":"2024-05-01T10:00:00Z"}""");
        var record = shaper.Shape(doc.RootElement, new Dictionary<string, object?> { ["kind"] = "lead" });
        Assert.Equal("lead", record["kind"]);
        Assert.Null(record["_extra"]);
    }

    [Fact]
    public void Asking_for_a_column_a_record_lacks_says_so()
    {
        var record = Shape(new RecordShaper(StreamCatalog.Get("users"), []),
            """{"id":"user_1","date_updated":"2024-05-01T10:00:00Z"}""");
        var error = Assert.Throws<KeyNotFoundException>(() => record["Industry"]);
        Assert.Contains("Industry", error.Message);
    }
}

public class CustomFieldDefinitionTests
{
    [Fact]
    public void Definitions_are_read_from_the_custom_field_endpoint()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""
            [{"id":"cf_1","name":"Industry","type":"choices","choices":["A"]},{"name":"no id"},{"id":"cf_2"}]
            """);
        var read = doc.RootElement.EnumerateArray().Select(e => CustomFieldDefinition.FromJson(e, "shared")).ToArray();
        Assert.Equal(new CustomFieldDefinition("cf_1", "Industry", "shared", "choices"), read[0]);
        Assert.Null(read[1]);
        Assert.Equal("cf_2", read[2]!.Name);
    }

    [Fact]
    public void A_definition_without_a_type_is_text_and_one_without_a_name_gets_its_id_as_column()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""[{"id":"cf_9"}]""");
        var definition = CustomFieldDefinition.FromJson(doc.RootElement[0], "lead")!;

        Assert.Equal(new CustomFieldDefinition("cf_9", "cf_9", "lead", "text"), definition);
        var shaper = new RecordShaper(StreamCatalog.Get("leads"), [definition]);
        Assert.Contains("cf_9", shaper.Columns);
    }
}
