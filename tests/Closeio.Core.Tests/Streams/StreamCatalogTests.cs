namespace Closeio.Core.Tests.Streams;

public class StreamCatalogTests
{
    [Fact]
    public void Catalog_has_the_six_seed_streams_first_then_the_others()
    {
        Assert.Equal(
            ["leads", "activities", "tasks", "users", "custom_fields", "event_log", "lead_statuses"],
            StreamCatalog.All.Select(s => s.Name).Take(7));
        Assert.Equal(StreamCatalog.Names.Count, StreamCatalog.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("leads", "data/search/", "POST", StreamDefinition.KeyBasedIncremental, "date_updated", "Closeio.Lead")]
    [InlineData("activities", "activity/", "GET", StreamDefinition.AppendOnlyIncremental, "date_created", "Closeio.Activity")]
    [InlineData("tasks", "task/", "GET", StreamDefinition.KeyBasedIncremental, "date_updated", "Closeio.Task")]
    [InlineData("users", "user/", "GET", StreamDefinition.KeyBasedIncremental, "date_updated", "Closeio.User")]
    [InlineData("custom_fields", "custom_field/{kind}/", "GET", StreamDefinition.KeyBasedIncremental, "date_updated", "Closeio.CustomField")]
    [InlineData("event_log", "event/", "GET", StreamDefinition.KeyBasedIncremental, "date_updated", "Closeio.Event")]
    public void Each_stream_is_replicated_as_the_seed_says(
        string name, string endpoint, string method, string replication, string key, string typeName)
    {
        var stream = StreamCatalog.Get(name);
        Assert.Equal(endpoint, stream.Endpoint);
        Assert.Equal(method, stream.HttpMethod);
        Assert.Equal(replication, stream.ReplicationMethod);
        Assert.Equal(key, stream.ReplicationKey);
        Assert.Equal(["id"], stream.KeyProperties);
        Assert.Equal(typeName, stream.TypeName);
        // The primary key, then the replication key, lead the columns.
        Assert.Equal(["id", key], stream.Fields.Take(2).Select(f => f.Name));
        Assert.Equal(StreamFieldType.DateTime, stream.FindField(key)!.JsonType);
    }

    [Theory]
    [InlineData("leads", "addresses,contacts,custom_fields,opportunities,status_label,tasks,display_name,html_url,url")]
    [InlineData("tasks", "_type,is_complete,view,assigned_to,due_date,voicemail_url,remote_phone_formatted")]
    [InlineData("activities", "_type,duration,opens,users,envelope,send_attempts,opportunity_value_period,voicemail_url")]
    [InlineData("event_log", "action,changed_fields,previous_data,data,meta,object_type,request_id,user_id")]
    [InlineData("users", "email,first_name,last_name,image,last_used_timezone,organizations,date_created")]
    [InlineData("custom_fields", "name,type,description,choices,accepts_multiple_values,editable_with_roles,is_shared,kind")]
    public void Each_stream_carries_the_seed_fields(string name, string expected)
    {
        var fields = StreamCatalog.Get(name).Fields.Select(f => f.Name).ToHashSet();
        Assert.All(expected.Split(','), f => Assert.Contains(f, fields));
    }

    [Fact]
    public void Field_counts_and_seed_order_match_the_seed()
    {
        Assert.Equal(21, StreamCatalog.Get("leads").Fields.Count);
        Assert.Equal(71, StreamCatalog.Get("activities").Fields.Count);
        Assert.Equal(42, StreamCatalog.Get("tasks").Fields.Count);
        Assert.Equal(9, StreamCatalog.Get("users").Fields.Count);
        Assert.Equal(14, StreamCatalog.Get("event_log").Fields.Count);
        // After the keys, the seed's (alphabetical) order.
        var tasks = StreamCatalog.Get("tasks").Fields.Select(f => f.Name).Skip(2).ToArray();
        Assert.Equal(tasks.OrderBy(n => n, StringComparer.Ordinal), tasks);
    }

    [Fact]
    public void Fields_have_types_and_descriptions_and_no_duplicates()
    {
        string[] types = ["string", "date-time", "integer", "number", "boolean", "array", "object"];
        foreach (var stream in StreamCatalog.All)
        {
            Assert.Equal(stream.Fields.Count, stream.Fields.Select(f => f.Name).Distinct().Count());
            Assert.All(stream.Fields, f =>
            {
                Assert.Contains(f.JsonType, types);
                Assert.False(string.IsNullOrWhiteSpace(f.Description), $"{stream.Name}.{f.Name} has no description");
            });
        }

        Assert.Equal("boolean", StreamCatalog.Get("tasks").FindField("is_complete")!.JsonType);
        Assert.Equal("integer", StreamCatalog.Get("activities").FindField("duration")!.JsonType);
        Assert.Equal("array", StreamCatalog.Get("leads").FindField("contacts")!.JsonType);
    }

    [Fact]
    public void Custom_field_kinds_belong_to_leads_and_activities()
    {
        Assert.Equal(["lead", "shared"], StreamCatalog.Get("leads").CustomFieldKinds);
        Assert.Equal(["activity", "shared"], StreamCatalog.Get("activities").CustomFieldKinds);
        Assert.Empty(StreamCatalog.Get("tasks").CustomFieldKinds);
    }

    [Theory]
    [InlineData("Leads")]
    [InlineData("EVENT_LOG")]
    [InlineData(" tasks ")]
    public void Get_ignores_case(string name)
    {
        Assert.Equal(name.Trim().ToLowerInvariant(), StreamCatalog.Get(name).Name);
    }

    [Fact]
    public void Get_of_an_unknown_stream_names_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => StreamCatalog.Get("deals"));
        Assert.Contains("'deals'", error.Message);
        foreach (var name in StreamCatalog.Names)
            Assert.Contains(name, error.Message);
    }
}
