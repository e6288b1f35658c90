namespace Closeio.Core.Tests.Output;

public sealed class SingerOutputTests
{
    /// <summary>Plays Sync-CloseioStream -AsSingerMessage: writes each line, accepts a record once its line is written.</summary>
    internal static List<string> SingerRun(SandboxHarness h, SyncRequest request, int? stopAfter = null,
        Closeio.Core.State.ProfileStore? store = null)
    {
        var lines = new List<string>();
        var singer = new SingerMessages(h.Clock);
        var records = 0;
        using var session = SyncSession.Start(h.Connection, store ?? h.Store, request, CancellationToken.None);
        foreach (var e in session.Events())
        {
            if (e is StreamShapedEvent shaped)
            {
                lines.Add(singer.Schema(shaped.Shaper));
            }
            else if (e is RecordEvent r)
            {
                if (records == stopAfter) return lines;
                lines.Add(singer.Record(r.Record));
                records++;
                session.Accept(r.Record);
                if (singer.StateAfterCheckpoint(session) is { } state) lines.Add(state);
            }
        }

        session.Complete();
        lines.Add(singer.FinalState(session));
        return lines;
    }

    private static SyncRequest AllStreams(int checkpointEvery, params string[] streams) => new()
    {
        Streams = streams.Length > 0 ? streams : [.. StreamCatalog.Names],
        StartDate = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Tuning = new SyncTuning { CheckpointEveryRecords = checkpointEvery },
    };

    private static List<JsonElement> Parse(IEnumerable<string> lines) =>
        lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void A_sync_of_every_stream_passes_the_strict_singer_format_check()
    {
        using var h = SandboxHarness.Create();
        var lines = SingerRun(h, AllStreams(checkpointEvery: 40));

        var errors = SingerFormat.Errors(lines);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        var messages = Parse(lines);
        Assert.Equal(StreamCatalog.Names.Order(), messages.Where(m => m.GetProperty("type").GetString() == "SCHEMA")
            .Select(m => m.GetProperty("stream").GetString()!).Order());
        foreach (var stream in StreamCatalog.Names)
            Assert.Contains(messages, m => m.GetProperty("type").GetString() == "RECORD" && m.GetProperty("stream").GetString() == stream);
        Assert.True(messages.Count(m => m.GetProperty("type").GetString() == "STATE") > 2, "expected a STATE after each checkpoint and one at the end");
        Assert.Equal("STATE", messages[^1].GetProperty("type").GetString());
    }

    [Fact]
    public void The_last_state_holds_the_bookmarks_the_profile_holds()
    {
        using var h = SandboxHarness.Create();
        var lines = SingerRun(h, AllStreams(checkpointEvery: 1_000));

        var last = Parse(lines)[^1].GetProperty("value").GetProperty("bookmarks");
        using var profile = JsonDocument.Parse(File.ReadAllText(h.Store.Path));
        var saved = profile.RootElement.GetProperty("bookmarks");
        // Every stream with a bookmark (a full-table stream, read whole each run, has none).
        Assert.Equal(StreamCatalog.All.Where(s => !s.IsFullTable).Select(s => s.Name).Order(),
            saved.EnumerateObject().Select(p => p.Name).Order());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(saved.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(last.GetRawText())),
            $"profile: {saved.GetRawText()}\nSTATE: {last.GetRawText()}");
    }

    [Fact]
    public void Every_state_covers_only_records_written_before_it()
    {
        using var h = SandboxHarness.Create();
        var messages = Parse(SingerRun(h, AllStreams(checkpointEvery: 25)));

        var written = new Dictionary<string, List<(string Id, DateTimeOffset Key)>>(StringComparer.Ordinal);
        var states = 0;
        foreach (var m in messages)
        {
            switch (m.GetProperty("type").GetString())
            {
                case "RECORD":
                    var stream = m.GetProperty("stream").GetString()!;
                    var record = m.GetProperty("record");
                    // A full-table stream has no key and no bookmark: nothing for a STATE to cover.
                    if (StreamCatalog.Get(stream).ReplicationKey is not { } key) break;
                    Assert.True(CloseTimestamp.TryParse(record.GetProperty(key).GetString(), out var at));
                    (written.TryGetValue(stream, out var list) ? list : written[stream] = []).Add((record.GetProperty("id").GetString()!, at));
                    break;
                case "STATE":
                    states++;
                    foreach (var bookmark in m.GetProperty("value").GetProperty("bookmarks").EnumerateObject())
                    {
                        var keyName = bookmark.Value.GetProperty("replication_key").GetString()!;
                        Assert.True(CloseTimestamp.TryParse(bookmark.Value.GetProperty(keyName).GetString(), out var value));
                        Assert.True(written.TryGetValue(bookmark.Name, out var before),
                            $"STATE {states} has a bookmark for {bookmark.Name} before any of its records");
                        Assert.True(value <= before!.Max(r => r.Key),
                            $"STATE {states} moves {bookmark.Name} to {value:O}, past every record written before it");
                        if (bookmark.Value.TryGetProperty("boundary_ids", out var ids))
                            foreach (var id in ids.EnumerateArray())
                                Assert.Contains(before, r => r.Id == id.GetString());
                    }

                    break;
            }
        }

        Assert.True(states > 2);
    }

    [Fact]
    public void A_run_cut_short_loses_nothing_for_a_runner_that_keeps_only_the_last_state_it_read()
    {
        using var h = SandboxHarness.Create();
        var first = Parse(SingerRun(h, AllStreams(30, "activities"), stopAfter: 70));
        var lastState = first.Last(m => m.GetProperty("type").GetString() == "STATE");

        // A Singer runner (Meltano, Stitch) keeps the last STATE it read and hands it to the next run.
        var store = Closeio.Core.State.ProfileStore.ForPath(Path.Combine(h.Directory, "runner.json"));
        var profile = store.Load();
        Closeio.Core.State.TapStateImport.Apply(profile, lastState.GetProperty("value").GetRawText());
        store.Save(profile);
        var second = Parse(SingerRun(h, AllStreams(30, "activities"), store: store));

        var delivered = first.Concat(second).Where(m => m.GetProperty("type").GetString() == "RECORD")
            .Select(m => m.GetProperty("record").GetProperty("id").GetString()!).ToHashSet();
        var expected = h.Organization.Activities(null, null).Select(a => a.Id).ToList();
        Assert.All(expected, id => Assert.Contains(id, delivered));
    }

    [Fact]
    public void The_format_check_refuses_what_a_singer_target_would_refuse()
    {
        const string schema = """{"type":"SCHEMA","stream":"users","schema":{"type":"object","properties":{"id":{"type":"string"}},"additionalProperties":false},"key_properties":["id"]}""";
        const string record = """{"type":"RECORD","stream":"users","record":{"id":"user_1"},"time_extracted":"2024-05-01T10:00:00.000000Z"}""";
        Assert.Empty(SingerFormat.Errors([schema, record, """{"type":"STATE","value":{}}"""]));
        Assert.NotEmpty(SingerFormat.Errors([record, schema]));
        Assert.NotEmpty(SingerFormat.Errors([schema, record.Replace("\"user_1\"", "1")]));
        Assert.NotEmpty(SingerFormat.Errors([schema, record.Replace("2024-05-01T10:00:00.000000Z", "May 1")]));
        Assert.NotEmpty(SingerFormat.Errors([schema, """{"type":"RECORD","stream":"users"}"""]));
        Assert.NotEmpty(SingerFormat.Errors([schema.Replace("\"key_properties\":[\"id\"]", "\"key_properties\":[\"uid\"]")]));
        Assert.NotEmpty(SingerFormat.Errors(["""{"type":"STATE","value":{},"extra":1}"""]));
        Assert.NotEmpty(SingerFormat.Errors(["{\"type\":\"STATE\",\n\"value\":{}}"]));
    }
}
