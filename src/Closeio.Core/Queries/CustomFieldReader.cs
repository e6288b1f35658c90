using System.Runtime.CompilerServices;
using System.Text.Json;
using Closeio.Core.Http;
using Closeio.Core.Records;
using Closeio.Core.Streams;

namespace Closeio.Core.Queries;

/// <summary>Reads custom field definitions from <c>custom_field/{kind}/</c>.</summary>
internal static class CustomFieldReader
{
    /// <summary>Close's largest page of custom fields.</summary>
    internal const int PageSize = 1000;

    /// <summary>
    /// Every definition of one kind, as Close sends them. <paramref name="pageSize"/> becomes the
    /// smaller size Close accepted when it refused the one asked for, so the next kind starts with it.
    /// </summary>
    internal static IAsyncEnumerable<JsonElement> ReadAsync(CloseClient client, string kind, StrongBox<int> pageSize,
        RequestCounters? counters, CancellationToken cancellationToken)
        => CustomFieldSet.ReadKindAsync(client, kind, pageSize, counters, cancellationToken);

    /// <summary>What the shaper needs of every definition of one kind.</summary>
    internal static async Task<IReadOnlyList<CustomFieldDefinition>> ReadDefinitionsAsync(CloseClient client, string kind,
        StrongBox<int> pageSize, RequestCounters? counters, CancellationToken cancellationToken)
    {
        var definitions = new List<CustomFieldDefinition>();
        await foreach (var field in ReadAsync(client, kind, pageSize, counters, cancellationToken).ConfigureAwait(false))
        {
            if (CustomFieldDefinition.FromJson(field, kind) is { } definition) definitions.Add(definition);
        }

        return definitions;
    }
}
