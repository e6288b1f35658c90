using System.Text.RegularExpressions;

namespace Closeio.Core.Tests.Records;

/// <summary>Shapes what the emulator serves, as a real run would, and checks nothing is lost or left raw.</summary>
public class SandboxShapingTests
{
    private static readonly Regex RawTimestamp = new(@"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(\+\d\d:\d\d)?$");

    [Fact]
    public void Every_stream_of_the_sandbox_shapes_without_loss_and_with_canonical_timestamps()
    {
        var org = SandboxOrganization.Generate(
            new SandboxOptions { Seed = 7, Users = 3, Leads = 15, Activities = 120, Tasks = 30 }, TimeProvider.System);
        var definitions = StreamCatalog.CustomFieldEndpointKinds
            .SelectMany(kind => org.CustomFields(kind).Select(item => (kind, json: item.Render())))
            .Select(x => CustomFieldDefinition.FromJson(JsonSerializer.SerializeToElement(x.json), x.kind)!)
            .ToArray();
        Assert.NotEmpty(definitions);

        var objects = new Dictionary<string, IEnumerable<JsonObject>>
        {
            ["leads"] = org.Leads().Select(i => i.Render()),
            ["activities"] = org.Activities(null, null).Select(i => i.Render()),
            ["tasks"] = org.Tasks().Select(i => i.Render()),
            ["users"] = org.Users().Select(i => i.Render()),
            ["event_log"] = org.Events().Select(i => i.Render()),
        };

        foreach (var (name, items) in objects)
        {
            var stream = StreamCatalog.Get(name);
            var shaper = new RecordShaper(stream, definitions);
            var count = 0;
            foreach (var item in items)
            {
                var record = shaper.Shape(JsonSerializer.SerializeToElement(item));
                Assert.Same(shaper.Columns, record.Names);
                AssertNothingDropped(stream, record, item, definitions);
                AssertNoRawTimestamps(record, $"{name} {record.Id}");
                count++;
            }

            Assert.True(count > 0, $"the sandbox served no {name}");
        }
    }

    private static void AssertNothingDropped(StreamDefinition stream, Record record, JsonObject source,
        IReadOnlyList<CustomFieldDefinition> definitions)
    {
        var extra = record["_extra"] as RecordMap;
        var byId = stream.FindField("custom_fields") is null ? null : record["custom_fields"] as RecordMap;
        foreach (var (key, value) in source)
        {
            if (value is null)
                continue;
            bool kept;
            if (stream.FindField(key) is not null)
            {
                kept = record[key] is not null;
            }
            else if (key.StartsWith("custom.", StringComparison.Ordinal))
            {
                var id = key["custom.".Length..];
                var definition = definitions.FirstOrDefault(d => d.Id == id);
                var inColumn = definition is not null &&
                    ((record.TryGetValue(definition.Name, out var v) && v is not null) ||
                     (record.TryGetValue($"{definition.Name} ({id})", out var w) && w is not null));
                kept = inColumn || byId?.ContainsKey(id) == true || extra?.ContainsKey(key) == true;
                if (byId is not null)
                    Assert.True(byId.ContainsKey(id), $"{stream.Name} {record.Id}: '{key}' missing from custom_fields");
            }
            else
            {
                kept = extra?.ContainsKey(key) == true;
            }

            Assert.True(kept, $"{stream.Name} {record.Id}: '{key}' was dropped");
        }
    }

    private static void AssertNoRawTimestamps(object? value, string where)
    {
        switch (value)
        {
            case string s:
                Assert.False(RawTimestamp.IsMatch(s), $"{where}: '{s}' is not in canonical form");
                break;
            case RecordMap map:
                foreach (var v in map.Values)
                    AssertNoRawTimestamps(v, where);
                break;
            case RecordList list:
                foreach (var v in list)
                    AssertNoRawTimestamps(v, where);
                break;
            case Record record:
                foreach (var p in record)
                    AssertNoRawTimestamps(p.Value, where);
                break;
        }
    }
}
