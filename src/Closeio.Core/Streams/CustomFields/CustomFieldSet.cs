namespace Closeio.Core.Streams;

/// <summary>
/// The organization's custom field definitions of the kinds a run's streams use, each kind read once
/// per run (see <see cref="Source"/>): the shapers need them to name custom columns, and the
/// custom_fields stream delivers every kind.
/// </summary>
internal sealed class CustomFieldSet
{
    /// <summary>Close's largest page of custom fields.</summary>
    internal const int PageSize = 1000;

    private CustomFieldSet(IReadOnlyList<(string Kind, IReadOnlyList<JsonElement> Items)> rawByKind,
        IReadOnlyList<CustomFieldDefinition> definitions)
    {
        RawByKind = rawByKind;
        Definitions = definitions;
    }

    /// <summary>The objects as Close returned them, by kind, in <see cref="StreamCatalog.CustomFieldEndpointKinds"/> order.</summary>
    public IReadOnlyList<(string Kind, IReadOnlyList<JsonElement> Items)> RawByKind { get; }

    /// <summary>
    /// A set of definitions alone, for a read that only shapes records with them (a Get-* query, which
    /// takes them from the connection's cache); <see cref="RawByKind"/> is empty.
    /// </summary>
    internal static CustomFieldSet FromDefinitions(IReadOnlyList<CustomFieldDefinition> definitions) => new([], definitions);

    /// <summary>What the shapers need of each field.</summary>
    public IReadOnlyList<CustomFieldDefinition> Definitions { get; }

    /// <summary>
    /// The kinds of one run, each read when a stream first needs it and then shared, so a run reads a
    /// kind once however many streams use it, and no kind that none of its streams uses.
    /// </summary>
    internal sealed class Source
    {
        private readonly CloseClient _client;
        private readonly RequestCounters _counters;
        private readonly StrongBox<int> _size; // a size Close refused for one kind is not asked again for the next
        private readonly CancellationToken _runToken;
        private readonly Dictionary<string, Lazy<Task<IReadOnlyList<JsonElement>>>> _kinds = new(StringComparer.OrdinalIgnoreCase);

        /// <param name="client">The client requests go through.</param>
        /// <param name="counters">Where the requests are counted.</param>
        /// <param name="pageSize">The <c>_limit</c> to ask first.</param>
        /// <param name="runToken">Cancels the run: a kind's read is shared, so it stops with the run, not with one stream.</param>
        public Source(CloseClient client, RequestCounters counters, int pageSize, CancellationToken runToken)
        {
            _client = client;
            _counters = counters;
            _size = new StrongBox<int>(pageSize);
            _runToken = runToken;
        }

        /// <summary>The fields of <paramref name="kinds"/>, in <see cref="StreamCatalog.CustomFieldEndpointKinds"/> order.</summary>
        public async Task<CustomFieldSet> LoadAsync(IReadOnlyList<string> kinds, CancellationToken cancellationToken)
        {
            var raw = new List<(string, IReadOnlyList<JsonElement>)>();
            var definitions = new List<CustomFieldDefinition>();
            foreach (var kind in StreamCatalog.CustomFieldEndpointKinds.Where(k => kinds.Contains(k, StringComparer.OrdinalIgnoreCase)))
            {
                Lazy<Task<IReadOnlyList<JsonElement>>> read;
                lock (_kinds)
                {
                    if (!_kinds.TryGetValue(kind, out read!))
                        _kinds[kind] = read = new Lazy<Task<IReadOnlyList<JsonElement>>>(() => ReadAsync(kind));
                }

                var items = await read.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
                foreach (var item in items)
                {
                    if (CustomFieldDefinition.FromJson(item, kind) is { } definition) definitions.Add(definition);
                }

                raw.Add((kind, items));
            }

            return new CustomFieldSet(raw, definitions);
        }

        private async Task<IReadOnlyList<JsonElement>> ReadAsync(string kind)
        {
            var items = new List<JsonElement>();
            await foreach (var item in ReadKindAsync(_client, kind, _size, _counters, _runToken).ConfigureAwait(false))
                items.Add(item);
            return items;
        }
    }

    /// <summary>
    /// Every object of one kind's endpoint, <c>custom_field/{kind}/</c>, as Close sends them. A kind
    /// whose endpoint answers 404 (an API or plan without it) has no fields: that must not stop a run
    /// or a query over every other kind. The 404 still shows in the request log. <paramref name="pageSize"/>
    /// is updated to the smaller size Close accepted when it refused the one asked for, so the next kind
    /// starts with it.
    /// </summary>
    public static async IAsyncEnumerable<JsonElement> ReadKindAsync(CloseClient client, string kind, StrongBox<int> pageSize,
        RequestCounters? counters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pager = new SkipLimitPager(client, CustomFieldsStream.Definition.Endpoint.Replace("{kind}", kind, StringComparison.Ordinal), null, pageSize.Value) { Counters = counters };
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

    /// <summary>What the shaper needs of every definition of one kind (for the Get-* queries).</summary>
    internal static async Task<IReadOnlyList<CustomFieldDefinition>> ReadDefinitionsAsync(CloseClient client, string kind,
        StrongBox<int> pageSize, RequestCounters? counters, CancellationToken cancellationToken)
    {
        var definitions = new List<CustomFieldDefinition>();
        await foreach (var field in ReadKindAsync(client, kind, pageSize, counters, cancellationToken).ConfigureAwait(false))
        {
            if (CustomFieldDefinition.FromJson(field, kind) is { } definition) definitions.Add(definition);
        }

        return definitions;
    }
}
