namespace Closeio.Core.Tests.Output;

public sealed class RecordFileWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "closeio-c3-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    private static readonly CustomFieldDefinition Industry = new("cf_ind", "Industry, sector", "lead", "text");

    private static RecordShaper Leads() => new(StreamCatalog.Get("leads"), [Industry], ["name", "description", "Industry, sector", "contacts"]);

    private static Record Lead(RecordShaper shaper, string id, string name, string? description = null, object? industry = null)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["date_updated"] = "2024-05-01T10:00:00+00:00", ["name"] = name,
            ["description"] = description, ["custom.cf_ind"] = industry,
            ["contacts"] = new object[] { new { name = "Ann", date_created = "2024-01-02T03:04:05" } },
        });
        using var doc = JsonDocument.Parse(json);
        return shaper.Shape(doc.RootElement);
    }

    private string Write(RecordFileFormat format, params Record[] records)
    {
        var path = Path.Combine(_dir, "sub", format == RecordFileFormat.Csv ? "leads.csv" : "leads.jsonl");
        using var writer = RecordFileWriter.Open(path, format, records[0].Names);
        foreach (var r in records)
            writer.Write(r);
        return path;
    }

    /// <summary>Reads a file the way another process would, while or after it is written.</summary>
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        return reader.ReadToEnd();
    }

    [Fact]
    public void Csv_quotes_commas_quotes_newlines_and_keeps_unicode()
    {
        var shaper = Leads();
        var path = Write(RecordFileFormat.Csv,
            Lead(shaper, "lead_1", "Acme, Inc.", "He said \"hi\"\nand left", "Zürich ✓"),
            Lead(shaper, "lead_2", "Plain"));

        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]); // no BOM
        Assert.Equal(
            "id,date_updated,contacts,description,name,\"Industry, sector\",_extra\r\n" +
            "lead_1,2024-05-01T10:00:00.000000Z,\"[{\"\"name\"\":\"\"Ann\"\",\"\"date_created\"\":\"\"2024-01-02T03:04:05.000000Z\"\"}]\"," +
            "\"He said \"\"hi\"\"\nand left\",\"Acme, Inc.\",Zürich ✓,\r\n" +
            "lead_2,2024-05-01T10:00:00.000000Z,\"[{\"\"name\"\":\"\"Ann\"\",\"\"date_created\"\":\"\"2024-01-02T03:04:05.000000Z\"\"}]\",,Plain,,\r\n",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Csv_header_is_written_once_when_appending()
    {
        var shaper = Leads();
        Write(RecordFileFormat.Csv, Lead(shaper, "lead_1", "A"));
        var path = Write(RecordFileFormat.Csv, Lead(shaper, "lead_2", "B"));

        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,date_updated,", lines[0]);
        Assert.StartsWith("lead_1,", lines[1]);
        Assert.StartsWith("lead_2,", lines[2]);
    }

    [Fact]
    public void Csv_header_is_written_to_an_existing_empty_file()
    {
        var path = Path.Combine(_dir, "empty.csv");
        Directory.CreateDirectory(_dir);
        File.WriteAllBytes(path, []);
        var shaper = Leads();
        using (var writer = RecordFileWriter.Open(path, RecordFileFormat.Csv, shaper.Columns))
            writer.Write(Lead(shaper, "lead_1", "A"));
        Assert.StartsWith("id,date_updated,", File.ReadAllLines(path)[0]);
    }

    [Fact]
    public void Appending_under_a_different_header_says_which_columns_differ()
    {
        var old = new RecordShaper(StreamCatalog.Get("leads"), [Industry], ["name", "Industry, sector"]);
        Write(RecordFileFormat.Csv, Lead(old, "lead_1", "A"));
        var path = Path.Combine(_dir, "sub", "leads.csv");
        var before = File.ReadAllText(path);

        var now = new RecordShaper(StreamCatalog.Get("leads"), [], ["name", "description"]);
        var error = Assert.Throws<RecordFileColumnsException>(() =>
            RecordFileWriter.Open(path, RecordFileFormat.Csv, now.Columns));
        Assert.Contains("description", error.Message);      // new column
        Assert.Contains("Industry, sector", error.Message); // column the file has
        Assert.Contains("-OutputDirectory", error.Message);
        Assert.Equal(before, File.ReadAllText(path));        // the file is untouched
    }

    [Fact]
    public void Csv_appends_under_an_equal_header_written_with_quotes_and_a_bom()
    {
        var shaper = Leads();
        var path = Path.Combine(_dir, "exported.csv");
        Directory.CreateDirectory(_dir);
        var header = string.Join(",", shaper.Columns.Select(c => $"\"{c}\""));
        File.WriteAllText(path, header + "\r\n", new UTF8Encoding(true));
        using (var writer = RecordFileWriter.Open(path, RecordFileFormat.Csv, shaper.Columns))
            writer.Write(Lead(shaper, "lead_1", "A"));
        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("lead_1,", lines[1]);
    }

    [Fact]
    public void Csv_continues_on_a_new_line_after_a_cut_off_row()
    {
        var shaper = Leads();
        var path = Write(RecordFileFormat.Csv, Lead(shaper, "lead_1", "A"));
        File.AppendAllText(path, "lead_cut,2024-05");
        Write(RecordFileFormat.Csv, Lead(shaper, "lead_2", "B"));
        Assert.StartsWith("lead_2,", File.ReadAllLines(path)[^1]);
    }

    [Fact]
    public void Csv_numbers_do_not_depend_on_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var shaper = new RecordShaper(StreamCatalog.Get("activities"), [], ["duration", "opportunity_value"]);
            using var doc = JsonDocument.Parse(
                """{"id":"acti_1","date_created":"2024-05-01T10:00:00Z","duration":1234567,"opportunity_value":1.5,"x":0.25}""");
            var record = shaper.Shape(doc.RootElement);
            var path = Path.Combine(_dir, "a.csv");
            using (var writer = RecordFileWriter.Open(path, RecordFileFormat.Csv, shaper.Columns))
                writer.Write(record);
            Assert.Equal("acti_1,2024-05-01T10:00:00.000000Z,1234567,1.5,\"{\"\"x\"\":0.25}\"",
                File.ReadAllLines(path)[1]);
            Assert.Equal("1.5", RecordText.ToText(1.5));
            Assert.Equal("1.5", RecordText.ToText(1.5m));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Record_text_rule_covers_every_value_type()
    {
        Assert.Equal("", RecordText.ToText(null));
        Assert.Equal("true", RecordText.ToText(true));
        Assert.Equal("false", RecordText.ToText(false));
        Assert.Equal("-42", RecordText.ToText(-42L));
        Assert.Equal("0.1", RecordText.ToText(0.1));
        Assert.Equal("x, \"y\"", RecordText.ToText("x, \"y\""));
        Assert.Equal("""[1,"a",null,{"k":false}]""",
            RecordText.ToText(new RecordList { 1L, "a", null, new RecordMap { ["k"] = false } }));
        Assert.Equal("2024-05-01T10:00:00.000000Z",
            RecordText.ToText(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Json_lines_round_trip_through_JsonDocument()
    {
        var shaper = Leads();
        var path = Write(RecordFileFormat.JsonLines,
            Lead(shaper, "lead_1", "Acme, \"Inc.\"", "line1\nline2", "Zürich"),
            Lead(shaper, "lead_2", "B"));

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal(shaper.Columns, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("lead_1", root.GetProperty("id").GetString());
        Assert.Equal("2024-05-01T10:00:00.000000Z", root.GetProperty("date_updated").GetString());
        Assert.Equal("Acme, \"Inc.\"", root.GetProperty("name").GetString());
        Assert.Equal("line1\nline2", root.GetProperty("description").GetString());
        Assert.Equal("Zürich", root.GetProperty("Industry, sector").GetString());
        var contact = root.GetProperty("contacts")[0];
        Assert.Equal("2024-01-02T03:04:05.000000Z", contact.GetProperty("date_created").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("_extra").ValueKind);
    }

    [Fact]
    public void Json_lines_drop_a_cut_off_last_line_before_appending()
    {
        var shaper = Leads();
        var path = Write(RecordFileFormat.JsonLines, Lead(shaper, "lead_1", "A"));
        File.AppendAllText(path, "{\"id\":\"lead_cut\",\"date_upd");
        Write(RecordFileFormat.JsonLines, Lead(shaper, "lead_2", "B"));

        var ids = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString());
        Assert.Equal(["lead_1", "lead_2"], ids);
    }

    [Theory]
    [MemberData(nameof(SyncDriver.FileFormats), MemberType = typeof(SyncDriver))]
    public void Flush_makes_the_bytes_visible_to_another_reader(RecordFileFormat format)
    {
        var shaper = Leads();
        var path = Path.Combine(_dir, "live." + format);
        using var writer = RecordFileWriter.Open(path, format, shaper.Columns);
        writer.Write(Lead(shaper, "lead_1", "A"));
        writer.Flush();
        Assert.Contains("lead_1", ReadShared(path));

        writer.Write(Lead(shaper, "lead_2", "B"));
        writer.Flush();
        var text = ReadShared(path);
        Assert.Contains("lead_2", text);
        Assert.EndsWith("\n", text);
    }

    [Fact]
    public void Writing_a_record_of_other_columns_fails_rather_than_misplacing_values()
    {
        var shaper = Leads();
        var other = new RecordShaper(StreamCatalog.Get("leads"), [], ["name"]);
        var path = Path.Combine(_dir, "x.csv");
        using var writer = RecordFileWriter.Open(path, RecordFileFormat.Csv, shaper.Columns);
        using var doc = JsonDocument.Parse("""{"id":"lead_1","date_updated":"2024-05-01T10:00:00Z"}""");
        Assert.Throws<InvalidOperationException>(() => writer.Write(other.Shape(doc.RootElement)));
    }

    [Theory]
    [MemberData(nameof(SyncDriver.FileFormats), MemberType = typeof(SyncDriver))]
    public void A_file_longer_than_its_checkpoint_is_cut_back_to_it(RecordFileFormat format)
    {
        var shaper = Leads();
        var path = Path.Combine(_dir, "cut." + format);
        long checkpointed;
        using (var writer = RecordFileWriter.Open(path, format, shaper.Columns, checkpointedLength: null))
        {
            Assert.Equal(RecordFileResume.Unrecorded, writer.Opening.Resume);
            writer.Write(Lead(shaper, "lead_1", "A"));
            writer.Flush();
            checkpointed = writer.FlushedLength;
            writer.Write(Lead(shaper, "lead_2", "B"));   // after the checkpoint
        }

        var kept = File.ReadAllBytes(path)[..(int)checkpointed];
        File.AppendAllText(path, "lead_torn,\"cut");
        using (var writer = RecordFileWriter.Open(path, format, shaper.Columns, checkpointed))
        {
            Assert.Equal(RecordFileResume.CutBack, writer.Opening.Resume);
            Assert.Equal(checkpointed, writer.FlushedLength);
        }

        Assert.Equal(kept, File.ReadAllBytes(path));
    }

    [Theory]
    [MemberData(nameof(SyncDriver.FileFormats), MemberType = typeof(SyncDriver))]
    public void A_file_with_no_line_end_at_its_checkpoint_was_changed_and_is_not_cut(RecordFileFormat format)
    {
        var shaper = Leads();
        var path = Write(format, Lead(shaper, "lead_1", "A"), Lead(shaper, "lead_2", "B"));
        var length = new FileInfo(path).Length;

        using (var writer = RecordFileWriter.Open(path, format, shaper.Columns, checkpointedLength: length - 3))
            Assert.Equal(RecordFileResume.Changed, writer.Opening.Resume);
        Assert.Equal(length, new FileInfo(path).Length);

        using (var writer = RecordFileWriter.Open(path, format, shaper.Columns, checkpointedLength: length + 10))
            Assert.Equal(RecordFileResume.Shorter, writer.Opening.Resume);
        Assert.Equal(length, new FileInfo(path).Length);
    }

    [Fact]
    public void A_csv_file_with_other_columns_is_not_cut_before_it_is_refused()
    {
        var old = new RecordShaper(StreamCatalog.Get("leads"), [], ["name"]);
        var path = Write(RecordFileFormat.Csv, Lead(old, "lead_1", "A"), Lead(old, "lead_2", "B"));
        var before = File.ReadAllBytes(path);
        var header = File.ReadLines(path).First().Length + 2;

        Assert.Throws<RecordFileColumnsException>(() =>
            RecordFileWriter.Open(path, RecordFileFormat.Csv, Leads().Columns, checkpointedLength: header));
        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
