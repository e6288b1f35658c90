namespace Closeio.Core.Tests.Sync;

public sealed class ProfileAndEdgeTests
{
    private static readonly string[] AllStreams = ["leads", "activities", "tasks", "users", "custom_fields", "event_log"];

    [Fact]
    public void Mixed_timestamp_styles_sync_completely_and_then_quietly()
    {
        using var h = SandboxHarness.Create(apiOptions: new SandboxApiOptions { TimestampStyle = TimestampStyle.Mixed });
        var first = SyncDriver.Run(h, SyncDriver.From(AllStreams));

        Assert.Empty(first.Errors);
        foreach (var stream in AllStreams)
        {
            var expected = FullSyncTests.Expected(h.Organization, stream).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, first.Of(stream).Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal));
        }

        // Records carry one canonical form whatever the server wrote.
        Assert.All(first.Of("tasks"), r => Assert.Equal(CloseTimestamp.Format(r.Key), r["date_updated"]));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(SyncDriver.Run(h, SyncDriver.From(AllStreams)).Records);
    }

    [Fact]
    public void A_tap_closeio_state_is_continued_from_its_bookmarks()
    {
        using var h = SandboxHarness.Create();
        var tasks = h.Organization.Tasks().OrderBy(t => t.DateUpdated).ToList();
        var leads = h.Organization.Leads().OrderBy(t => t.DateUpdated).ToList();
        var taskMark = tasks[tasks.Count / 2].DateUpdated;
        var leadMark = leads[leads.Count / 3].DateUpdated;
        // tap-closeio wrote naive and offset styles alike.
        var naive = taskMark.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
        var offset = leadMark.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+00:00";
        var state = "{\"currently_syncing\": null, \"bookmarks\": {\"tasks\": {\"date_updated\": \"" + naive +
                    "\"}, \"leads\": {\"date_updated\": \"" + offset + "\"}}}";
        var profile = h.Store.Load();
        TapStateImport.Apply(profile, state);
        h.Store.Save(profile);

        var run = SyncDriver.Run(h, new SyncRequest { Streams = ["tasks", "leads"] });

        Assert.Empty(run.Errors);
        Assert.Equal(tasks.Where(t => t.DateUpdated >= taskMark).Select(t => t.Id).Order(), run.Of("tasks").Select(r => r.Id).Order());
        Assert.Equal(leads.Where(t => t.DateUpdated >= leadMark).Select(t => t.Id).Order(), run.Of("leads").Select(r => r.Id).Order());
        var after = h.Store.Load();
        Assert.Equal(tasks[^1].DateUpdated, after.Bookmarks["tasks"].Value);
        Assert.Equal(leads[^1].DateUpdated, after.Bookmarks["leads"].Value);
    }

    [Fact]
    public void A_corrupt_profile_is_refused_and_left_untouched()
    {
        using var h = SandboxHarness.Create();
        File.WriteAllText(h.Store.Path, """{"schema_version": 1, "bookmarks": {"tasks": """);
        var before = File.ReadAllBytes(h.Store.Path);

        var e = Assert.Throws<ProfileCorruptException>(() => SyncSession.Start(h.Connection, h.Store, SyncDriver.From("tasks"), CancellationToken.None));

        Assert.Contains(h.Store.Path, e.Message);
        Assert.Equal(before, File.ReadAllBytes(h.Store.Path));
        Assert.Equal(0, h.Api.Counters.Count("GET /task/"));
    }

    [Fact]
    public void A_second_session_on_a_locked_profile_fails_fast_with_a_clear_message()
    {
        using var h = SandboxHarness.Create();
        using var first = SyncSession.Start(h.Connection, h.Store, SyncDriver.From("users"), CancellationToken.None);

        // LockWait is zero by default: refused at once, before the second run asks Close for anything.
        var e = Assert.Throws<ProfileLockedException>(() => SyncSession.Start(h.Connection, h.Store, SyncDriver.From("tasks"), CancellationToken.None));

        Assert.Equal(0, h.Api.Counters.Count("GET /task/"));
        Assert.Contains(h.Store.Path, e.Message);
        Assert.Contains("in use", e.Message);
    }

    [Fact]
    public void A_start_beyond_the_event_logs_thirty_days_is_clamped_with_a_warning()
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, new SyncRequest { Streams = ["event_log"], StartDate = SandboxApi.DefaultStart.AddDays(-90) });

        Assert.Empty(run.Errors);
        var warning = Assert.Single(run.Warnings);
        Assert.Contains("30 days", warning.Message);
        Assert.Equal(FullSyncTests.Expected(h.Organization, "event_log").Select(p => p.Id).Order(), run.Records.Select(r => r.Id).Order());
        Assert.All(run.Records, r => Assert.True(r.Key >= SandboxApi.DefaultStart.AddDays(-30)));
    }

    [Fact]
    public void A_run_cut_short_checkpoints_only_what_was_accepted_and_the_resume_fills_the_rest()
    {
        using var h = SandboxHarness.Create();
        var cut = SyncDriver.Run(h, SyncDriver.From("tasks"), stopAfter: 17);
        Assert.Equal(17, cut.Records.Count);

        var profile = h.Store.Load();
        Assert.Equal("interrupted", profile.LastRun["tasks"].Outcome);
        Assert.Equal(17, profile.LastRun["tasks"].Records);
        Assert.Equal(cut.Records[^1].Key, profile.Bookmarks["tasks"].Value);

        var resumed = SyncDriver.Run(h, SyncDriver.From("tasks"));
        var all = cut.Records.Concat(resumed.Records).Select(r => r.Id).ToList();
        Assert.Equal(FullSyncTests.Expected(h.Organization, "tasks").Select(p => p.Id).Order(), all.Distinct().Order());
        // Only records sharing the boundary instant may repeat.
        Assert.All(all.GroupBy(i => i).Where(g => g.Count() > 1),
            g => Assert.Equal(cut.Records[^1].Key, cut.Records.Single(r => r.Id == g.Key).Key));
    }

    [Fact]
    public void A_failing_stream_reports_an_error_and_the_others_complete()
    {
        using var h = SandboxHarness.Create(maxRetries: 1);
        h.Api.Faults.Script("GET /task/", SandboxFault.InternalServerError, SandboxFault.InternalServerError);

        var run = SyncDriver.Run(h, SyncDriver.From("tasks", "users", "leads"));

        var error = Assert.Single(run.Errors);
        Assert.Equal("tasks", error.Stream);
        Assert.IsType<Closeio.Core.Http.CloseApiException>(error.Error);
        Assert.Equal("failed", run.Summaries.Single(s => s.Stream == "tasks").Outcome);
        Assert.Equal("completed", run.Summaries.Single(s => s.Stream == "users").Outcome);
        Assert.Equal(FullSyncTests.Expected(h.Organization, "leads").Count(), run.Of("leads").Count());
        Assert.False(h.Store.Load().Bookmarks.ContainsKey("tasks"));
    }

    [Fact]
    public void Every_request_becomes_one_log_line_without_the_key()
    {
        using var h = SandboxHarness.Create();
        h.Api.Counters.Reset();
        var run = SyncDriver.Run(h, SyncDriver.From("tasks", "users", "event_log"));

        var lines = run.Events.OfType<LogEvent>().Select(e => e.Message).ToList();
        Assert.Equal(h.Api.Counters.Count(), lines.Count);
        Assert.Contains(lines, l => l.StartsWith("GET task/", StringComparison.Ordinal) && l.Contains(" 200 "));
        Assert.DoesNotContain(lines, l => l.Contains(h.Api.Options.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public void With_an_output_directory_the_session_writes_the_files_and_hands_over_no_records()
    {
        using var h = SandboxHarness.Create();
        var dir = Path.Combine(h.Directory, "out");
        var request = new SyncRequest
        {
            Streams = ["tasks", "users"], StartDate = SyncDriver.From().StartDate,
            OutputDirectory = dir, Format = RecordFileFormat.JsonLines,
        };

        var run = SyncDriver.Run(h, request);

        Assert.Empty(run.Records);
        Assert.Empty(run.Errors);
        var lines = File.ReadAllLines(Path.Combine(dir, "tasks.jsonl"));
        Assert.Equal(FullSyncTests.Expected(h.Organization, "tasks").Count(), lines.Length);
        Assert.Equal(lines.Length, run.Summaries.Single(s => s.Stream == "tasks").Records);
        Assert.NotNull(h.Store.Load().Bookmarks["users"].Value);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        SyncDriver.Run(h, request);
        Assert.Equal(lines.Length, File.ReadAllLines(Path.Combine(dir, "tasks.jsonl")).Length);
    }

    [Fact]
    public void Properties_limit_the_fields_asked_of_close()
    {
        AnswerLog? log = null;
        using var h = SandboxHarness.Create(wrap: (api, inner) => log = new AnswerLog(api.Organization.Clock, inner));
        var run = SyncDriver.Run(h, new SyncRequest
        {
            Streams = ["tasks"], StartDate = SyncDriver.From().StartDate, Properties = ["text", "is_complete"],
        });

        Assert.NotEmpty(run.Records);
        Assert.All(run.Records, r => Assert.Contains("text", r.Names));
        Assert.DoesNotContain("assigned_to_name", run.Records[0].Names);
        var sent = Assert.Single(log!.Queries, q => q.Contains("_type=all", StringComparison.Ordinal));
        Assert.Contains("_fields=", sent);
        Assert.Contains("text", sent);
        Assert.DoesNotContain("assigned_to_name", sent);
    }

    [Fact]
    public void A_bookmark_on_another_key_is_replaced_with_a_warning()
    {
        using var h = SandboxHarness.Create();
        var profile = h.Store.Load();
        profile.SetBookmark("tasks", "date_created", SandboxApi.DefaultStart);
        h.Store.Save(profile);

        var run = SyncDriver.Run(h, SyncDriver.From("tasks"));

        Assert.Contains(run.Warnings, w => w.Message.Contains("date_created"));
        Assert.Equal(FullSyncTests.Expected(h.Organization, "tasks").Count(), run.Records.Count);
        Assert.Equal("date_updated", h.Store.Load().Bookmarks["tasks"].Key);
    }

    [Fact]
    public void Chosen_activity_properties_still_let_the_look_back_stay_quiet()
    {
        using var h = SandboxHarness.Create();
        var request = new SyncRequest { Streams = ["activities"], StartDate = SyncDriver.From().StartDate, Properties = ["_type"] };
        Assert.NotEmpty(SyncDriver.Run(h, request).Records);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(SyncDriver.Run(h, request).Records);
    }
}
