namespace Closeio.Core.Tests.Sync;

/// <summary>
/// How many requests a sync makes, against the least it could: activities come 100 to a page, so
/// N activities need at least ⌈N/100⌉ requests; a run with nothing new needs one request per stream,
/// plus the <c>me/</c> that fixes the run's upper bound, plus each custom field kind a stream uses.
/// Counted, never timed.
/// </summary>
public sealed class RequestCountTests(ITestOutputHelper output)
{
    [Fact]
    public void An_incremental_run_with_no_changes_asks_once_per_stream_and_reads_each_custom_field_kind_once()
    {
        using var h = SandboxHarness.Create();
        var request = new SyncRequest { Streams = [.. StreamCatalog.Names], StartDate = SyncDriver.From().StartDate };
        var first = SyncDriver.Run(h, request);
        Assert.Empty(first.Errors);
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        h.Api.Counters.Reset();

        var second = SyncDriver.Run(h, request);

        Assert.Empty(second.Errors);
        var counts = h.Api.Counters.Snapshot();
        foreach (var c in counts) output.WriteLine($"{c.Group} {c.Status}: {c.Requests}");
        var kinds = counts.Where(c => c.Group.Contains("/custom_field/", StringComparison.Ordinal)).ToList();
        // custom_fields delivers every kind, so each kind is read, but once: leads and activities share the reads.
        Assert.Equal(StreamCatalog.CustomFieldEndpointKinds.Count, kinds.Count);
        Assert.All(kinds, k => Assert.Equal(1, k.Requests));
        var others = counts.Where(c => !c.Group.Contains("/custom_field/", StringComparison.Ordinal)).Sum(c => c.Requests);
        // One per stream but custom_fields, one me/, the event log's activity edits for each activity stream
        // (activities and the per-type ones, each asking for its own edits), and for streams Close lists only per
        // parent one page per parent (subscriptions per sequence, comments per thread).
        var activityStreams = StreamCatalog.All.Count(s => s.Endpoint.StartsWith("activity/", StringComparison.Ordinal));
        // The groups stream, read whole, reads each group's members too.
        var parents = h.Organization.Objects(SandboxResource.Sequence).Count() + h.Organization.Objects(SandboxResource.CommentThread).Count() +
                      h.Organization.Objects(SandboxResource.Group).Count();
        // custom_objects also asks the event log for custom objects created or edited without their lead changing.
        const int customObjectEdits = 2;
        Assert.Equal(StreamCatalog.Names.Count - 1 + 1 + activityStreams + parents + customObjectEdits, others);
    }

    [Theory]
    [InlineData("tasks", new string[0])]
    [InlineData("users", new string[0])]
    [InlineData("event_log", new string[0])]
    [InlineData("activities", new[] { "activity", "shared" })]
    [InlineData("leads", new[] { "lead", "contact", "opportunity", "shared" })]
    public void A_stream_reads_only_the_custom_field_kinds_its_records_carry(string stream, string[] kinds)
    {
        using var h = SandboxHarness.Create();
        var first = SyncDriver.Run(h, SyncDriver.From(stream));
        Assert.Empty(first.Errors);
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        h.Api.Counters.Reset();

        var second = SyncDriver.Run(h, SyncDriver.From(stream));

        Assert.Empty(second.Errors);
        var read = h.Api.Counters.Snapshot()
            .Where(c => c.Group.Contains("/custom_field/", StringComparison.Ordinal))
            .Select(c => c.Group[(c.Group.IndexOf("/custom_field/", StringComparison.Ordinal) + "/custom_field/".Length)..].TrimEnd('/'))
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(kinds.OrderBy(k => k, StringComparer.Ordinal), read);
    }
}
