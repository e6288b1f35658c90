using System.Text.Json;
using Closeio.Core.Http;
using Closeio.Core.Records;

namespace Closeio.Core.Streams;

/// <summary>
/// The organization's custom field definitions of every kind, read once per run: the shapers need
/// them to name custom columns, and the custom_fields stream delivers them.
/// </summary>
internal sealed class CustomFieldSet
{
    private CustomFieldSet(IReadOnlyList<(string Kind, IReadOnlyList<JsonElement> Items)> rawByKind,
        IReadOnlyList<CustomFieldDefinition> definitions)
    {
        RawByKind = rawByKind;
        Definitions = definitions;
    }

    /// <summary>The objects as Close returned them, by kind, in <see cref="StreamCatalog.CustomFieldEndpointKinds"/> order.</summary>
    public IReadOnlyList<(string Kind, IReadOnlyList<JsonElement> Items)> RawByKind { get; }

    /// <summary>What the shapers need of each field.</summary>
    public IReadOnlyList<CustomFieldDefinition> Definitions { get; }

    /// <summary>Reads every kind's endpoint whole.</summary>
    public static async Task<CustomFieldSet> LoadAsync(CloseClient client, RequestCounters counters, int pageSize,
        CancellationToken cancellationToken)
    {
        var raw = new List<(string, IReadOnlyList<JsonElement>)>();
        var definitions = new List<CustomFieldDefinition>();
        foreach (var kind in StreamCatalog.CustomFieldEndpointKinds)
        {
            var pager = new SkipLimitPager(client, $"custom_field/{kind}/", null, pageSize) { Counters = counters };
            var items = new List<JsonElement>();
            await foreach (var item in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(item);
                var id = Text(item, "id");
                var name = Text(item, "name");
                if (id is not null && name is not null)
                    definitions.Add(new CustomFieldDefinition(id, name, kind, Text(item, "type") ?? "text"));
            }

            raw.Add((kind, items));
        }

        return new CustomFieldSet(raw, definitions);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
