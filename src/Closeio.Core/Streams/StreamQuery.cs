using System.Threading.Channels;

namespace Closeio.Core.Streams;

/// <summary>
/// Any stream's records (Get-CloseioRecord, Get-CloseioUser), read by the same reader a sync of the
/// stream uses, with no bookmark: everything from <see cref="Since"/> (or the beginning), in the
/// order a sync delivers it (ascending replication key, then id). A stream added to the catalog is
/// queryable this way with nothing more.
/// </summary>
public sealed class StreamQuery : RecordQuery
{
    /// <summary>Where a query without <see cref="Since"/> starts: before Close (2013) held any record.</summary>
    internal static readonly DateTimeOffset Beginning = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a query of <paramref name="definition"/>'s records.</summary>
    public StreamQuery(StreamDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
    }

    /// <inheritdoc />
    public override StreamDefinition Definition { get; }

    /// <summary>
    /// Only records whose replication key is at or after this instant; null for all. A stream read
    /// whole (users, custom fields, full-table streams) returns every record whatever it says.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only these properties (and the key fields); null or empty for all.</summary>
    public IReadOnlyList<string>? Properties { get; init; }

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = context.Connection.Client;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var kinds = Definition.CustomFieldKindsRead;
        // The custom_fields stream delivers the definitions as Close sent them; the others only need them to
        // shape records, and take them from the connection's cache like every Get-* query.
        var fields = kinds.Count == 0 ? null
            : Definition.ServesCustomFieldDefinitions
                ? await new CustomFieldSet.Source(client, context.Counters, CustomFieldSet.PageSize, stop.Token)
                    .LoadAsync(kinds, cancellationToken).ConfigureAwait(false)
                : CustomFieldSet.FromDefinitions(await context.CustomFieldsAsync(kinds, cancellationToken).ConfigureAwait(false));
        var shaper = new RecordShaper(Definition, fields?.Definitions ?? [], Properties is { Count: > 0 } ? Properties : null);
        var now = context.Connection.Options.TimeProvider.GetUtcNow();
        var channel = Channel.CreateBounded<Record>(new BoundedChannelOptions(Math.Max(1, Definition.DefaultPageSize))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var streamContext = new StreamContext
        {
            Definition = Definition,
            Client = client,
            Counters = context.Counters,
            OrganizationId = context.Connection.Identity.OrganizationId is { Length: > 0 } org ? org : null,
            Shaper = shaper,
            CustomFieldSet = fields,
            StartDate = (Since ?? Beginning).ToUniversalTime(),
            // A day ahead: a record the server's clock stamps a little after the local one is still read.
            UpperBound = TimeWindowScanner.Align(now.AddDays(1)),
            Tuning = new Sync.SyncTuning(),
            LookBack = TimeSpan.Zero,
            PageSize = context.Paging.PageSize(Definition.DefaultPageSize),
            Emit = async (records, token) =>
            {
                foreach (var record in records) await channel.Writer.WriteAsync(record, token).ConfigureAwait(false);
            },
            Warn = context.Warn,
            Progress = _ => { },
            SetExtraWhenAccepted = (_, _) => { },
        };
        var reading = Task.Run(async () =>
        {
            try
            {
                await Definition.CreateReader().ReadAsync(streamContext, stop.Token).ConfigureAwait(false);
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var record in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return record;
        }
        finally
        {
            // The caller stopped early (-First) or failed: the reader stops at its next await.
            stop.Cancel();
            try
            {
                await reading.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
