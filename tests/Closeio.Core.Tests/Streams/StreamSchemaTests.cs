namespace Closeio.Core.Tests.Streams;

public sealed class StreamSchemaTests
{
    [Theory]
    [MemberData(nameof(SyncDriver.EveryStream), MemberType = typeof(SyncDriver))]
    public void Every_record_a_stream_returns_validates_against_its_live_schema(string stream)
    {
        using var h = SandboxHarness.Create();
        var schema = StreamSchema.Describe([stream], h.Connection, CancellationToken.None).Single();

        var run = SyncDriver.Run(h, SyncDriver.From(stream));

        Assert.Empty(run.Errors);
        var records = run.Of(stream).ToList();
        Assert.NotEmpty(records);
        var failures = records
            .Select(r => (r.Id, Errors: SchemaCheck.Errors(schema, r.ToString())))
            .Where(x => x.Errors.Count > 0)
            .Select(x => $"{x.Id}: {string.Join("; ", x.Errors.Take(3))}")
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {records.Count} records fail:\n{string.Join("\n", failures.Take(10))}");
    }

    [Fact]
    public void The_schema_lists_at_least_the_seed_fields_and_closes_the_record_with_extra()
    {
        foreach (var stream in StreamCatalog.All)
        {
            using var doc = JsonDocument.Parse(StreamSchema.ToJson(new RecordShaper(stream, [])));
            var properties = doc.RootElement.GetProperty("properties");
            foreach (var field in stream.Fields)
                Assert.True(properties.TryGetProperty(field.Name, out _), $"{stream.Name}.{field.Name} is missing");
            Assert.True(properties.TryGetProperty(RecordShaper.ExtraColumn, out _));
            Assert.False(doc.RootElement.GetProperty("additionalProperties").GetBoolean());
            Assert.Equal("string", properties.GetProperty("id").GetProperty("type").GetString());
            if (stream.ReplicationKey is { } key)
                Assert.Equal("date-time", properties.GetProperty(key).GetProperty("format").GetString());
        }
    }

    [Fact]
    public void Custom_fields_are_typed_by_their_close_type()
    {
        using var h = SandboxHarness.Create();
        using var doc = JsonDocument.Parse(StreamSchema.Describe(["leads"], h.Connection, CancellationToken.None).Single());
        var properties = doc.RootElement.GetProperty("properties");

        Assert.Equal(["null", "number"], TypeOf(properties.GetProperty("Seats")));
        Assert.Equal("date", properties.GetProperty("Renewal Date").GetProperty("format").GetString());
        Assert.Equal("date-time", properties.GetProperty("Last Demo At").GetProperty("format").GetString());
        Assert.Equal(["null", "string"], TypeOf(properties.GetProperty("Tier")));
        Assert.Equal(["null", "string"], TypeOf(properties.GetProperty("Account Owner")));
        // The lead's values by id carry the same types.
        var byId = properties.GetProperty("custom_fields").GetProperty("properties");
        Assert.Contains(byId.EnumerateObject(), p => TypeOf(p.Value).SequenceEqual(["null", "number"]));
    }

    [Fact]
    public void A_field_that_accepts_multiple_values_is_an_array_of_its_type()
    {
        var field = new CustomFieldDefinition("cf_multi", "Products", "lead", "choices") { AcceptsMultipleValues = true };
        var shaper = new RecordShaper(StreamCatalog.Get("leads"), [field]);
        var schema = StreamSchema.ToJson(shaper);
        using var doc = JsonDocument.Parse(schema);
        var products = doc.RootElement.GetProperty("properties").GetProperty("Products");
        Assert.Equal(["null", "array"], TypeOf(products));
        Assert.Equal(["null", "string"], TypeOf(products.GetProperty("items")));

        Assert.Empty(SchemaCheck.Errors(schema, Shape(shaper, """["Widgets", "Gadgets"]""")));
        Assert.NotEmpty(SchemaCheck.Errors(schema, Shape(shaper, "\"Widgets\"")));
    }

    [Fact]
    public void Records_with_multiple_value_choices_validate_against_a_schema_that_makes_them_arrays()
    {
        using var h = SandboxHarness.Create(new Sandbox.SandboxOptions { Leads = 30, Activities = 50, Tasks = 10, MultipleValueChoices = true });
        var schema = StreamSchema.Describe(["leads"], h.Connection, CancellationToken.None).Single();
        using (var doc = JsonDocument.Parse(schema))
            Assert.Equal(["null", "array"], TypeOf(doc.RootElement.GetProperty("properties").GetProperty("Tier")));

        var run = SyncDriver.Run(h, SyncDriver.From("leads"));

        var records = run.Of("leads").ToList();
        Assert.Contains(records, r => r["Tier"] is RecordList);
        Assert.All(records, r => Assert.Empty(SchemaCheck.Errors(schema, r.ToString())));
    }

    [Fact]
    public void A_definition_read_from_close_knows_whether_it_accepts_multiple_values()
    {
        using var doc = JsonDocument.Parse("""{"id": "cf_1", "name": "Products", "type": "choices", "accepts_multiple_values": true}""");
        Assert.True(CustomFieldDefinition.FromJson(doc.RootElement, "lead")!.AcceptsMultipleValues);
    }

    [Fact]
    public void The_schema_refuses_what_a_record_of_the_stream_cannot_hold()
    {
        var schema = StreamSchema.ToJson(new RecordShaper(StreamCatalog.Get("users"), []));
        const string good = """{"id": "user_1", "date_updated": "2024-05-01T10:00:00.000000Z", "email": null, "_extra": null}""";
        Assert.Empty(SchemaCheck.Errors(schema, good));
        Assert.NotEmpty(SchemaCheck.Errors(schema, good.Replace("\"email\": null", "\"email\": 5")));
        Assert.NotEmpty(SchemaCheck.Errors(schema, good.Replace("2024-05-01T10:00:00.000000Z", "yesterday")));
        Assert.NotEmpty(SchemaCheck.Errors(schema, good.Replace("\"id\": \"user_1\"", "\"id\": null")));
        Assert.NotEmpty(SchemaCheck.Errors(schema, good.Replace("\"_extra\": null", "\"surprise\": 1")));
    }

    private static string Shape(RecordShaper shaper, string value)
    {
        using var doc = JsonDocument.Parse($$"""{"id": "lead_1", "date_updated": "2024-05-01T10:00:00.000000Z", "custom.cf_multi": {{value}}}""");
        return shaper.Shape(doc.RootElement).ToString();
    }

    private static string[] TypeOf(JsonElement schema) =>
        schema.GetProperty("type").EnumerateArray().Select(t => t.GetString()!).ToArray();
}
