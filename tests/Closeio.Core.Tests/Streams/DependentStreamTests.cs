namespace Closeio.Core.Tests.Streams;

/// <summary>
/// Streams Close lists only per parent (subscriptions per sequence, comments per thread): a first
/// sync delivers exactly the Sandbox's objects; after edits, the next run delivers the edited ones,
/// and the bookmark never passes one.
/// </summary>
public sealed class DependentStreamTests
{
    public static TheoryData<string, SandboxResource> PerParent { get; } = new()
    {
        { "sequence_subscriptions", SandboxResource.SequenceSubscription },
        { "comments", SandboxResource.Comment },
    };

    private static SandboxHarness Harness() =>
        SandboxHarness.Create(SandboxHarness.Sizes(seed: 5, leads: 200, activities: 600));

    // Pages of 5: a parent's children span several pages.
    private static SyncRequest Request(string stream) => new()
    {
        Streams = [stream],
        StartDate = SyncDriver.From().StartDate,
        Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { [stream] = 5 } },
    };

    [Theory]
    [MemberData(nameof(PerParent))]
    public void A_first_sync_delivers_every_object_and_the_next_the_edited_ones(string stream, SandboxResource resource)
    {
        using var h = Harness();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var live = h.Organization.Objects(resource).Select(o => o.Id).Order(StringComparer.Ordinal).ToList();
        Assert.True(live.Count > 20, $"the Sandbox should hold many {stream}, not {live.Count}");

        var first = SyncDriver.Run(h, Request(stream));

        Assert.Empty(first.Errors);
        Assert.Equal(live, first.Of(stream).Select(r => r.Id).Order(StringComparer.Ordinal));

        var queried = new StreamQuery(StreamCatalog.Get(stream)).Run(new QueryContext(h.Connection), CancellationToken.None).ToList();
        Assert.Equal(first.Of(stream).Select(r => r.Id).Order(StringComparer.Ordinal), queried.Select(r => r.Id).Order(StringComparer.Ordinal));

        var rng = new Random(5);
        var edited = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 12; i++)
        {
            edited.Add(h.Organization.UpdateObject(resource, live[rng.Next(live.Count)]).Id);
            h.Clock.Advance(TimeSpan.FromSeconds(3));
        }

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = SyncDriver.Run(h, Request(stream));

        Assert.Empty(second.Errors);
        var delivered = second.Of(stream).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(edited, delivered);
        // Only the edits (and at most the records at the old bookmark's instant) come again.
        Assert.True(delivered.Count <= edited.Count + 1, $"{delivered.Count} records for {edited.Count} edits");

        var third = SyncDriver.Run(h, Request(stream));
        Assert.Empty(third.Of(stream));
    }
}
