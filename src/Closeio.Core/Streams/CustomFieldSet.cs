using System.Runtime.CompilerServices;
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
        var size = new StrongBox<int>(pageSize); // a size Close refused for one kind is not asked again for the next
        foreach (var kind in StreamCatalog.CustomFieldEndpointKinds)
        {
            var items = new List<JsonElement>();
            await foreach (var item in ReadKindAsync(client, kind, size, counters, cancellationToken).ConfigureAwait(false))
            {
                items.Add(item);
                if (CustomFieldDefinition.FromJson(item, kind) is { } definition) definitions.Add(definition);
            }

            raw.Add((kind, items));
        }

        return new CustomFieldSet(raw, definitions);
    }

    /// <summary>
    /// Every object of one kind's endpoint, <c>custom_field/{kind}/</c>, as Close sends them. A kind
    /// whose endpoint answers 404 (an API or plan without it) has no fields: that must not stop a run
    /// or a query over every other kind. The 404 still shows in the request log.
    /// </summary>
    public static IAsyncEnumerable<JsonElement> ReadKindAsync(CloseClient client, string kind, int pageSize,
        RequestCounters? counters, CancellationToken cancellationToken) =>
        ReadKindAsync(client, kind, new StrongBox<int>(pageSize), counters, cancellationToken);

    /// <summary>
    /// As above; <paramref name="pageSize"/> is updated to the smaller size Close accepted when it
    /// refused the one asked for, so the next kind starts with it.
    /// </summary>
    public static async IAsyncEnumerable<JsonElement> ReadKindAsync(CloseClient client, string kind, StrongBox<int> pageSize,
        RequestCounters? counters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pager = new SkipLimitPager(client, $"custom_field/{kind}/", null, pageSize.Value) { Counters = counters };
        var pages = pager.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    var more = await pages.MoveNextAsync().ConfigureAwait(false);
                    pageSize.Value = Math.Min(pageSize.Value, pager.PageSize);
                    if (!more) yield break;
                }
                catch (CloseApiException e) when (e.Kind == CloseErrorKind.NotFound)
                {
                    yield break;
                }

                yield return pages.Current;
            }
        }
    }
}
