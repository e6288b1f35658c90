namespace Closeio.Core.Tests.Streams;

/// <summary>
/// lead_statuses, the stream added as one definition plus its catalog entry: a full-table stream,
/// read whole and delivered whole on every run, with no bookmark, through sync (pipeline and files)
/// and Get-CloseioRecord alike.
/// </summary>
public sealed class LeadStatusesTests
{
    private static readonly string Stream = LeadStatusesStream.Definition.Name;

    private static List<string> SandboxIds(SandboxHarness h) =>
        h.Organization.Objects(SandboxResource.LeadStatus).Select(s => s.Id).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_sync_delivers_the_whole_table_and_keeps_no_bookmark()
    {
        using var h = SandboxHarness.Create();
        var expected = SandboxIds(h);
        Assert.NotEmpty(expected);

        var first = SyncDriver.Run(h, SyncDriver.From(Stream));
        Assert.Empty(first.Errors);
        Assert.Equal(expected, first.Of(Stream).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["id", "label", "organization_id", RecordShaper.ExtraColumn], first.Of(Stream).First().Names);
        Assert.All(first.Of(Stream), r => Assert.False(string.IsNullOrEmpty(r["label"] as string)));

        // A status added between runs comes with the rest of the table: nothing is bookmarked past it.
        var added = h.Organization.CreateObject(SandboxResource.LeadStatus);
        var second = SyncDriver.Run(h, SyncDriver.From(Stream));
        Assert.Equal(expected.Append(added.Id).Order(StringComparer.Ordinal), second.Of(Stream).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.False(h.Store.Load().Bookmarks.ContainsKey(Stream));
        Assert.Equal(SyncOutcome.Completed, h.Store.Load().LastRun[Stream].Outcome);
    }

    [Fact]
    public void Get_CloseioRecord_reads_it_through_the_same_reader()
    {
        using var h = SandboxHarness.Create();
        var context = new QueryContext(h.Connection);
        var records = new StreamQuery(LeadStatusesStream.Definition).Run(context, CancellationToken.None).ToList();
        Assert.Equal(SandboxIds(h), records.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(Stream, r.Stream));
    }

    [Theory]
    [MemberData(nameof(SyncDriver.FileFormats), MemberType = typeof(SyncDriver))]
    public void Its_file_holds_the_table_once_however_many_runs_wrote_it(RecordFileFormat format)
    {
        using var h = SandboxHarness.Create();
        var dir = Path.Combine(h.Directory, "out");
        var request = new SyncRequest { Streams = [Stream], StartDate = SyncDriver.From().StartDate, OutputDirectory = dir, Format = format };
        SyncDriver.Run(h, request);
        SyncDriver.Run(h, request);

        var file = Directory.GetFiles(dir).Single(f => Path.GetFileNameWithoutExtension(f) == Stream);
        var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
        var header = format == RecordFileFormat.Csv ? 1 : 0;
        Assert.Equal(SandboxIds(h).Count + header, lines.Count);
    }

    [Fact]
    public void A_key_that_may_not_read_it_skips_it_with_a_warning_and_the_other_streams_complete()
    {
        var api = new SandboxApiOptions();
        api.Restrictions["/status/lead/"] = SandboxRestriction.NoPermission;
        using var h = SandboxHarness.Create(apiOptions: api);

        var run = SyncDriver.Run(h, SyncDriver.From(Stream, "users"));

        Assert.Empty(run.Errors);
        Assert.Contains(run.Warnings, w => w.Message.StartsWith(Stream + ": skipped", StringComparison.Ordinal));
        Assert.NotEmpty(run.Of("users"));
        Assert.Equal(SyncOutcome.Skipped, run.Summaries.Single(s => s.Stream == Stream).Outcome);
        Assert.Equal(SyncOutcome.Completed, run.Summaries.Single(s => s.Stream == "users").Outcome);
    }
}
