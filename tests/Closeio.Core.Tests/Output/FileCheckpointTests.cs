namespace Closeio.Core.Tests.Output;

/// <summary>
/// A file-writing run killed mid-write leaves neither torn nor duplicated rows: each checkpoint records
/// the file's flushed length with the bookmark, and the next run cuts off whatever came after it.
/// </summary>
public sealed class FileCheckpointTests
{
    private static readonly Dictionary<string, string> EndpointPart = new(StringComparer.Ordinal)
    {
        ["tasks"] = "/task/",
        ["leads"] = "/data/search/",
    };

    // Requests let through before the "kill". Tasks (60, from a start date years before the first one) are
    // read in windows of about a page: the first dozen requests only size windows and find none; rows
    // are written from the 22nd on, and after the 26th, 37 rows are written, checkpoints (every 7) having
    // saved 35: the kill comes after checkpoints, with whole rows after the last, and before the run's end
    // (31 requests). Leads are read by pages.
    private static readonly Dictionary<string, int> PagesBeforeKill = new(StringComparer.Ordinal)
    {
        ["tasks"] = 26,
        ["leads"] = 2,
    };

    private static SyncRequest Request(string dir, string stream, RecordFileFormat format, int checkpointEvery,
        bool save = true) => new()
    {
        Streams = [stream],
        StartDate = SyncDriver.From().StartDate,
        OutputDirectory = dir,
        Format = format,
        SaveBookmarks = save,
        Tuning = new SyncTuning
        {
            CheckpointEveryRecords = checkpointEvery,
            PageSizes = new Dictionary<string, int> { [stream] = 10 },
            // Windows of about a page each (a window is paged up to this skip): the run delivers window
            // after window, so the kill lands mid-run, with rows already written (see PagesBeforeKill).
            SkipThreshold = 10,
        },
    };

    private static string FileOf(string dir, string stream, RecordFileFormat format) =>
        Path.Combine(dir, stream + (format == RecordFileFormat.Csv ? ".csv" : ".jsonl"));

    /// <summary>
    /// Runs until the gate holds a request, as a process would be killed there: the profile is put back as
    /// the last checkpoint before that moment left it, while the file keeps every row written since, plus
    /// a torn last row. Returns the bookmark value the resumed run starts from.
    /// </summary>
    private static DateTimeOffset? Kill(SandboxHarness h, GateHandler gate, SyncRequest request, int pages, string tornBytes)
    {
        gate.CloseAfter(pages);
        byte[] atKill;
        using (SyncSession.Start(h.Connection, h.Store, request, CancellationToken.None))
        {
            Assert.True(gate.Reached.Wait(TimeSpan.FromSeconds(30)), "the run never reached the gate");
            // The reader waits on the held request, so nothing is being written or saved right now.
            atKill = File.ReadAllBytes(h.Store.Path);
        }   // Dispose without Complete: the rows still buffered reach the file, as they may before a kill

        gate.Allow = int.MaxValue;
        File.WriteAllBytes(h.Store.Path, atKill);
        var path = FileOf(request.OutputDirectory!, request.Streams[0], request.Format!.Value);
        var bookmark = h.Store.Load().Bookmarks[request.Streams[0]];
        // The case at stake: whole rows were written after the last checkpoint, and then a torn one.
        Assert.True(new FileInfo(path).Length > long.Parse(bookmark.Extra[OutputFileCheckpoint.LengthKey],
            System.Globalization.CultureInfo.InvariantCulture), "no row was written after the last checkpoint");
        File.AppendAllText(path, tornBytes);
        return bookmark.Value;
    }

    private static List<string> IdsIn(string path, RecordFileFormat format, IReadOnlyList<string>? header)
    {
        var bytes = File.ReadAllBytes(path);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        if (format == RecordFileFormat.JsonLines)
        {
            Assert.EndsWith("\n", text);
            return text.Split('\n')[..^1].Select(line =>
            {
                using var doc = JsonDocument.Parse(line);
                return doc.RootElement.GetProperty("id").GetString()!;
            }).ToList();
        }

        var rows = Rfc4180.Parse(text);
        Assert.Equal(header, rows[0]);
        Assert.DoesNotContain(rows.Skip(1), r => r.SequenceEqual(header!));
        Assert.All(rows, r => Assert.Equal(header!.Count, r.Count));
        var id = rows[0].IndexOf("id");
        return rows.Skip(1).Select(r => r[id]).ToList();
    }

    /// <summary>Every record once; only those at exactly the resume bookmark may come twice.</summary>
    private static void AssertEachOnce(SandboxHarness h, string stream, List<string> ids, DateTimeOffset? resumedAt)
    {
        var expected = FullSyncTests.Expected(h.Organization, stream).ToDictionary(p => p.Id, p => p.Key, StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ids.Distinct().Order(StringComparer.Ordinal));
        var twice = ids.GroupBy(i => i).Where(g => g.Count() > 1).ToList();
        Assert.All(twice, g =>
        {
            Assert.Equal(2, g.Count());
            Assert.Equal(resumedAt, expected[g.Key]);
        });
    }

    private static string Torn(RecordFileFormat format) => format == RecordFileFormat.Csv
        ? "task_torn,\"a quoted value cut\r\nshort"      // an open quote: the rest of the file would be one field
        : "{\"id\":\"task_torn\",\"date_upd";

    [Theory]
    [InlineData(RecordFileFormat.Csv, "tasks", 7)]
    [InlineData(RecordFileFormat.Csv, "tasks", 1000)]
    [InlineData(RecordFileFormat.JsonLines, "tasks", 7)]
    [InlineData(RecordFileFormat.JsonLines, "tasks", 1000)]
    [InlineData(RecordFileFormat.Csv, "leads", 7)]
    [InlineData(RecordFileFormat.JsonLines, "leads", 1000)]
    public void A_run_killed_mid_write_resumes_without_torn_or_duplicated_rows(RecordFileFormat format, string stream, int checkpointEvery)
    {
        GateHandler? gate = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) => gate = new GateHandler(EndpointPart[stream], inner));
        var dir = Path.Combine(h.Directory, "out");
        var request = Request(dir, stream, format, checkpointEvery);
        var path = FileOf(dir, stream, format);

        var resumedAt = Kill(h, gate!, request, PagesBeforeKill[stream], Torn(format));
        var header = format == RecordFileFormat.Csv ? Rfc4180.Parse(File.ReadLines(path).First() + "\r\n")[0] : null;
        var killedLength = new FileInfo(path).Length;
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var resumed = SyncDriver.Run(h, request);

        Assert.Empty(resumed.Errors);
        AssertEachOnce(h, stream, IdsIn(path, format, header), resumedAt);
        var cut = Assert.Single(resumed.Warnings, w => w.Message.Contains("cut off", StringComparison.Ordinal));
        Assert.Contains(path, cut.Message);
        Assert.Contains(killedLength.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Message);
        Assert.Equal(new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            h.Store.Load().Bookmarks[stream].Extra[OutputFileCheckpoint.LengthKey]);

        // A later run finds the file as recorded and says nothing about it.
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = SyncDriver.Run(h, request);
        Assert.Empty(again.Warnings);
        AssertEachOnce(h, stream, IdsIn(path, format, header), resumedAt);
    }

    [Theory]
    [MemberData(nameof(SyncDriver.FileFormats), MemberType = typeof(SyncDriver))]
    public void A_file_shortened_by_the_user_is_not_cut_and_a_missing_one_starts_again_with_warnings(RecordFileFormat format)
    {
        using var h = SandboxHarness.Create();
        var dir = Path.Combine(h.Directory, "out");
        var request = Request(dir, "tasks", format, 7);
        var path = FileOf(dir, "tasks", format);
        Assert.Empty(SyncDriver.Run(h, request).Warnings);

        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines[..^3]);      // the user dropped the last rows
        var shortened = File.ReadAllBytes(path);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var run = SyncDriver.Run(h, request);

        Assert.Contains(run.Warnings, w => w.Message.Contains("shorter", StringComparison.Ordinal) && w.Message.Contains(path));
        Assert.Equal(shortened, File.ReadAllBytes(path));
        Assert.Equal(shortened.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            h.Store.Load().Bookmarks["tasks"].Extra[OutputFileCheckpoint.LengthKey]);

        File.Delete(path);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        run = SyncDriver.Run(h, request);

        Assert.Contains(run.Warnings, w => w.Message.Contains("missing", StringComparison.Ordinal) && w.Message.Contains(path));
        Assert.True(File.Exists(path));
        Assert.Equal(format == RecordFileFormat.Csv ? [lines[0]] : [], File.ReadAllLines(path));
    }

    [Theory]
    [MemberData(nameof(SyncDriver.FileFormats), MemberType = typeof(SyncDriver))]
    public void Rows_written_without_saving_bookmarks_are_cut_back_by_the_next_saving_run(RecordFileFormat format)
    {
        GateHandler? gate = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) => gate = new GateHandler("/task/", inner));
        var dir = Path.Combine(h.Directory, "out");
        var path = FileOf(dir, "tasks", format);
        var resumedAt = Kill(h, gate!, Request(dir, "tasks", format, 7), PagesBeforeKill["tasks"], "");
        var header = format == RecordFileFormat.Csv ? Rfc4180.Parse(File.ReadLines(path).First() + "\r\n")[0] : null;
        var profileBefore = File.ReadAllBytes(h.Store.Path);

        var preview = SyncDriver.Run(h, Request(dir, "tasks", format, 7, save: false));

        Assert.Contains(preview.Warnings, w => w.Message.Contains("not recorded", StringComparison.Ordinal));
        Assert.Equal(profileBefore, File.ReadAllBytes(h.Store.Path));
        var run = SyncDriver.Run(h, Request(dir, "tasks", format, 7));
        Assert.Contains(run.Warnings, w => w.Message.Contains("cut off", StringComparison.Ordinal));
        AssertEachOnce(h, "tasks", IdsIn(path, format, header), resumedAt);
    }

    [Fact]
    public void A_file_written_before_lengths_were_recorded_gets_the_old_tail_repair()
    {
        using var h = SandboxHarness.Create();
        var dir = Path.Combine(h.Directory, "out");
        var request = Request(dir, "tasks", RecordFileFormat.JsonLines, 7);
        var path = FileOf(dir, "tasks", RecordFileFormat.JsonLines);
        SyncDriver.Run(h, request);
        var profile = h.Store.Load();
        profile.Bookmarks["tasks"].Extra.Remove(OutputFileCheckpoint.LengthKey);
        h.Store.Save(profile);
        var complete = File.ReadAllBytes(path);
        File.AppendAllText(path, Torn(RecordFileFormat.JsonLines));

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var run = SyncDriver.Run(h, request);

        Assert.Empty(run.Warnings);
        Assert.Contains(run.Events.OfType<LogEvent>(), e => e.Message.Contains("last line was checked", StringComparison.Ordinal));
        Assert.Equal(complete, File.ReadAllBytes(path));
        Assert.Equal(complete.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            h.Store.Load().Bookmarks["tasks"].Extra[OutputFileCheckpoint.LengthKey]);
    }

    /// <summary>A strict RFC 4180 reader: CRLF-ended records, quoted fields with doubled quotes, nothing torn.</summary>
    internal static class Rfc4180
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var field = new StringBuilder();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length) throw new FormatException("A quoted field is not closed.");
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        field.Append(text[i++]);
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"') throw new FormatException($"A quote inside an unquoted field at {i}.");
                        field.Append(text[i++]);
                    }
                }

                row.Add(field.ToString());
                field.Clear();
                if (i >= text.Length) throw new FormatException("The last record has no line end.");
                if (text[i] == ',')
                {
                    i++;
                    continue;
                }

                if (text[i] != '\r' || i + 1 >= text.Length || text[i + 1] != '\n')
                    throw new FormatException($"A record does not end with CRLF at {i}.");
                i += 2;
                rows.Add(row);
                row = [];
            }

            return rows;
        }
    }
}
