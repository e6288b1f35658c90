namespace Closeio.Core.Tests.Output;

/// <summary>An output file belongs to one profile: a second profile is refused before it writes or cuts a byte.</summary>
public sealed class OutputOwnershipTests
{
    private static SyncRequest Request(string dir, string stream = "tasks", RecordFileFormat format = RecordFileFormat.Csv) => new()
    {
        Streams = [stream],
        StartDate = SyncDriver.From().StartDate,
        OutputDirectory = dir,
        Format = format,
        Tuning = new SyncTuning { CheckpointEveryRecords = 7, PageSizes = new Dictionary<string, int> { [stream] = 10 } },
    };

    private static int Rows(string path) => File.ReadAllLines(path).Length - 1;

    [Theory]
    [MemberData(nameof(SyncDriver.FileFormats), MemberType = typeof(SyncDriver))]
    public void A_second_profile_is_refused_one_after_the_other_and_the_owner_keeps_writing_its_rows(RecordFileFormat format)
    {
        using var h = SandboxHarness.Create();
        var dir = Path.Combine(h.Directory, "out");
        var other = ProfileStore.ForPath(Path.Combine(h.Directory, "other.json"));
        var path = Path.Combine(dir, "tasks" + (format == RecordFileFormat.Csv ? ".csv" : ".jsonl"));
        Assert.Empty(SyncDriver.Run(h, Request(dir, format: format)).Errors);
        var written = File.ReadAllBytes(path);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var ex = Assert.Throws<OutputFileOwnedException>(() => SyncDriver.Run(h, Request(dir, format: format), store: other));

        Assert.False(ex.InUse);
        Assert.Equal(h.Store.Path, ex.Owner);
        Assert.Contains(path, ex.Message);
        Assert.Contains(h.Store.Path, ex.Message);
        Assert.Equal(written, File.ReadAllBytes(path));
        Assert.False(File.Exists(other.Path), "the refused profile saved bookmarks for rows it never wrote");

        // The owner's next run finds its file as it left it: nothing cut, nothing to warn about.
        foreach (var task in h.Organization.Tasks().Take(3).ToList()) h.Organization.UpdateTask(task.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = SyncDriver.Run(h, Request(dir, format: format));
        Assert.Empty(again.Errors);
        Assert.Empty(again.Warnings);
        Assert.Equal(written, File.ReadAllBytes(path)[..written.Length]);
    }

    [Fact]
    public void A_second_profile_is_refused_while_the_first_is_writing_and_no_row_is_torn()
    {
        GateHandler? gate = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) => gate = new GateHandler("/task/", inner));
        var dir = Path.Combine(h.Directory, "out");
        var path = Path.Combine(dir, "tasks.csv");
        var other = ProfileStore.ForPath(Path.Combine(h.Directory, "other.json"));
        gate!.CloseAfter(3);
        OutputFileOwnedException ex;
        using (var first = SyncSession.Start(h.Connection, h.Store, Request(dir), CancellationToken.None))
        {
            Assert.True(gate.Reached.Wait(TimeSpan.FromSeconds(30)), "the first run never reached the gate");
            var during = File.ReadAllBytes(path);
            ex = Assert.Throws<OutputFileOwnedException>(() => SyncSession.Start(h.Connection, other, Request(dir), CancellationToken.None));
            Assert.Equal(during, File.ReadAllBytes(path));
        }

        Assert.True(ex.InUse);
        Assert.Contains("being written by another run", ex.Message);

        gate.Allow = int.MaxValue;
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(SyncDriver.Run(h, Request(dir)).Errors);
        var ids = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(FullSyncTests.Expected(h.Organization, "tasks").Select(p => p.Id).Order(), ids.Distinct().Order());
    }

    [Fact]
    public void Profiles_writing_different_streams_to_one_directory_do_not_get_in_each_other_s_way()
    {
        using var h = SandboxHarness.Create();
        var dir = Path.Combine(h.Directory, "out");
        var other = ProfileStore.ForPath(Path.Combine(h.Directory, "other.json"));

        Assert.Empty(SyncDriver.Run(h, Request(dir, "tasks")).Errors);
        Assert.Empty(SyncDriver.Run(h, Request(dir, "users"), store: other).Errors);

        Assert.Equal(FullSyncTests.Expected(h.Organization, "tasks").Count(), Rows(Path.Combine(dir, "tasks.csv")));
        Assert.Equal(FullSyncTests.Expected(h.Organization, "users").Count(), Rows(Path.Combine(dir, "users.csv")));
    }

    [Fact]
    public void An_owner_note_naming_a_link_to_the_profile_is_the_same_owner()
    {
        using var h = SandboxHarness.Create();
        var dir = Path.Combine(h.Directory, "out");
        var link = Path.Combine(h.Directory, "link.json");
        Assert.Empty(SyncDriver.Run(h, Request(dir)).Errors);
        File.CreateSymbolicLink(link, h.Store.Path);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(SyncDriver.Run(h, Request(dir), store: ProfileStore.ForPath(link)).Errors);
    }

    [Fact]
    public void Deleting_the_owner_note_lets_another_profile_take_the_file_over_with_a_warning()
    {
        using var h = SandboxHarness.Create();
        var dir = Path.Combine(h.Directory, "out");
        var other = ProfileStore.ForPath(Path.Combine(h.Directory, "other.json"));
        var path = Path.Combine(dir, "tasks.csv");
        Assert.Empty(SyncDriver.Run(h, Request(dir)).Errors);
        File.Delete(OutputFileClaim.OwnerPathOf(path));

        var run = SyncDriver.Run(h, Request(dir), store: other);

        Assert.Empty(run.Errors);
        Assert.Contains(run.Warnings, w => w.Message.Contains("no owner note", StringComparison.Ordinal));
        Assert.Throws<OutputFileOwnedException>(() => SyncDriver.Run(h, Request(dir)));
    }
}
