using System.Runtime.CompilerServices;
using Closeio.Core.Records;
using Closeio.Core.Streams;

namespace Closeio.Core.Queries;

/// <summary>The organization's users (Get-CloseioUser).</summary>
public sealed class UserQuery : RecordQuery
{
    private const int PageSize = 1000;

    /// <inheritdoc />
    public override string Stream => "users";

    private protected override async IAsyncEnumerable<Record> ReadAsync(QueryContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var shaper = new RecordShaper(StreamCatalog.Get(Stream), []);
        var pager = new SkipLimitPager(context.Connection.Client, "user/", null, context.Paging.PageSize(PageSize))
        {
            Counters = context.Counters,
        };
        await foreach (var user in pager.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return shaper.Shape(user);
    }
}
