namespace Closeio.Core.Tests.Queries;

public sealed class QueryPagingTests
{
    [Fact]
    public void Without_first_everything_is_delivered_after_the_skipped_ones()
    {
        var paging = new QueryPaging(skip: 2);
        var admitted = Enumerable.Range(0, 6).Select(_ => paging.Admit()).ToList();
        Assert.Equal(new[] { false, false, true, true, true, true }, admitted);
        Assert.False(paging.IsComplete);
        Assert.Null(paging.Remaining);
    }

    [Fact]
    public void PowerShells_absent_first_means_no_limit()
    {
        var paging = QueryPaging.FromPagingParameters(0, ulong.MaxValue);
        Assert.Null(paging.First);
        Assert.Equal(200, paging.PageSize(200));
    }

    [Fact]
    public void The_page_size_shrinks_to_what_is_still_needed()
    {
        var paging = new QueryPaging(skip: 1, first: 3);
        Assert.Equal(4, paging.PageSize(100));
        paging.Admit();
        paging.Admit();
        Assert.Equal(2, paging.PageSize(100));
        Assert.Equal(1, paging.PageSize(1));
    }

    [Fact]
    public void Paging_completes_after_first_records()
    {
        var paging = new QueryPaging(first: 2);
        paging.Admit();
        paging.Admit();
        Assert.True(paging.IsComplete);
        Assert.Throws<InvalidOperationException>(() => paging.Admit());
    }
}

public sealed class ErrorClassifierTests
{
    [Theory]
    [InlineData(CloseErrorKind.Authentication, "AuthenticationError", true)]
    [InlineData(CloseErrorKind.PlanLimit, "LimitsExceeded", true)]
    [InlineData(CloseErrorKind.RateLimited, "LimitsExceeded", true)]
    [InlineData(CloseErrorKind.Connection, "ConnectionError", true)]
    [InlineData(CloseErrorKind.NotFound, "ObjectNotFound", false)]
    [InlineData(CloseErrorKind.InvalidResponse, "InvalidData", true)]
    [InlineData(CloseErrorKind.ServerUnavailable, "ResourceUnavailable", true)]
    [InlineData(CloseErrorKind.BadRequest, "InvalidArgument", false)]
    public void Each_kind_of_close_failure_has_its_category(CloseErrorKind kind, string category, bool terminating)
    {
        var c = ErrorClassifier.Classify(new CloseApiException(kind, 400, "GET lead/{id}/", null, "Do something."));
        Assert.Equal((category, terminating), (c.Category, c.Terminating));
        Assert.StartsWith("Closeio.", c.ErrorId);
    }

    [Fact]
    public void Every_category_named_is_a_powershell_error_category()
    {
        // The names of System.Management.Automation.ErrorCategory the classifier may use.
        string[] known =
        [
            "NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument", "InvalidData",
            "InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented", "NotInstalled",
            "ObjectNotFound", "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError", "PermissionDenied",
            "ResourceBusy", "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError", "FromStdErr",
            "SecurityError", "ProtocolError", "ConnectionError", "AuthenticationError", "LimitsExceeded", "QuotaExceeded",
            "NotEnabled",
        ];
        Exception[] errors =
        [
            .. Enum.GetValues<CloseErrorKind>().Select(k => new CloseApiException(k, null, "GET x/", null, "r")),
            new ApiKeyMissingException(null), new SavedApiKeyException("p", "r"), new ProfileLockedException("p", "p.json", null, TimeSpan.Zero),
            new ProfileCorruptException("p", "r"), new NotConnectedException(), new ArgumentException("a"),
            new InvalidDataException("d"), new OperationCanceledException(), new IOException("io"), new Exception("x"),
        ];
        Assert.All(errors, e => Assert.Contains(ErrorClassifier.Classify(e).Category, known));
    }

    [Fact]
    public void An_argument_error_reads_as_a_sentence_without_the_parameter_name()
    {
        var c = ErrorClassifier.Classify(new ArgumentException("'leeds' is not a Close stream.", "name"));
        Assert.Equal("'leeds' is not a Close stream.", c.Message);
    }

    [Fact]
    public void The_recommended_action_is_not_repeated_in_the_message()
    {
        var c = ErrorClassifier.Classify(new CloseApiException(CloseErrorKind.Authentication, 401, "GET me/", "Invalid API key.",
            "Check the API key (Settings > API Keys in Close) and connect again."));
        Assert.Equal("Check the API key (Settings > API Keys in Close) and connect again.", c.RecommendedAction);
        Assert.DoesNotContain("Settings > API Keys", c.Message);
        Assert.Contains("Invalid API key.", c.Message);
    }

    [Fact]
    public void A_key_that_reached_a_message_is_scrubbed()
    {
        var c = ErrorClassifier.Classify(new InvalidOperationException("failed with key api_SECRET_1 somehow"), "api_SECRET_1");
        Assert.DoesNotContain("api_SECRET_1", c.Message);
        Assert.Contains(ErrorClassifier.Redacted, c.Message);
    }

    [Fact]
    public void Not_being_connected_says_how_to_connect()
    {
        var c = ErrorClassifier.Classify(new NotConnectedException());
        Assert.Equal(("Closeio.NotConnected", "ConnectionError", true), (c.ErrorId, c.Category, c.Terminating));
        Assert.Contains("Connect-Closeio", c.Message);
    }
}

public sealed class CompletionCandidatesTests
{
    [Fact]
    public void Candidates_match_the_typed_prefix_ignoring_case_and_quotes()
    {
        var matches = CompletionCandidates.Match([("leads", ""), ("activities", ""), ("event_log", "")], "'LE");
        Assert.Equal(new[] { "leads" }, matches.Select(m => m.CompletionText));
    }

    [Fact]
    public void Names_with_spaces_or_quotes_are_quoted_for_powershell()
    {
        Assert.Equal("'Deal Size'", CompletionCandidates.Quote("Deal Size"));
        Assert.Equal("'Owner''s pick'", CompletionCandidates.Quote("Owner's pick"));
        Assert.Equal("event_log", CompletionCandidates.Quote("event_log"));
        Assert.Equal("'-x'", CompletionCandidates.Quote("-x"));
    }
}

public sealed class ProfileSelectorTests
{
    [Fact]
    public void A_named_profile_wins_over_the_sessions()
    {
        var store = ProfileSelector.Select("nightly", null, "/tmp/other.json", sandbox: false);
        Assert.Equal("nightly", store.Name);
    }

    [Fact]
    public void Without_a_name_the_sessions_profile_is_used_then_default_or_sandbox()
    {
        var session = Path.Combine(Path.GetTempPath(), "session-profile.json");
        Assert.Equal(session, ProfileSelector.Select(null, null, session, sandbox: false).Path);
        Assert.Equal("default", ProfileSelector.Select(null, null, null, sandbox: false).Name);
        Assert.Equal("sandbox", ProfileSelector.Select(null, null, null, sandbox: true).Name);
    }

    [Fact]
    public void A_name_and_a_path_together_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ProfileSelector.Select("a", "/tmp/b.json", null, false));
        Assert.Throws<ArgumentException>(() => ProfileSelector.Select("../escape", null, null, false));
    }
}

public sealed class ProfileStateEditorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "closeio-state-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private ProfileStore Store() => ProfileStore.ForPath(Path.Combine(_directory, "p.json"));

    [Fact]
    public void Every_stream_is_listed_even_before_the_first_run()
    {
        var states = ProfileStateEditor.Read(Store());
        Assert.Equal(StreamCatalog.Names, states.Select(s => s.Stream));
        Assert.All(states, s => Assert.Null(s.Bookmark));
        Assert.False(File.Exists(Store().Path));
    }

    [Fact]
    public void A_set_bookmark_reads_back_and_a_reset_forgets_only_that_stream()
    {
        var store = Store();
        var when = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2));
        var set = ProfileStateEditor.Set(store, "Leads", when);
        ProfileStateEditor.Set(store, "tasks", when);

        Assert.Equal(("leads", "date_updated", when.ToUniversalTime()), (set.Stream, set.ReplicationKey, set.Bookmark));
        Assert.Equal(new[] { "leads" }, ProfileStateEditor.Reset(store, ["leads"]));
        var states = ProfileStateEditor.Read(store).ToDictionary(s => s.Stream);
        Assert.Null(states["leads"].Bookmark);
        Assert.Equal(when, states["tasks"].Bookmark);
    }

    [Fact]
    public void Resetting_an_empty_list_resets_nothing()
    {
        var store = Store();
        ProfileStateEditor.Set(store, "users", DateTimeOffset.UnixEpoch);
        Assert.Empty(ProfileStateEditor.Reset(store, []));
        Assert.NotNull(ProfileStateEditor.Read(store, ["users"])[0].Bookmark);
    }

    [Fact]
    public void Changing_state_while_a_sync_holds_the_profile_is_refused()
    {
        var store = Store();
        Directory.CreateDirectory(_directory);
        using (store.Lock())
        {
            Assert.Throws<ProfileLockedException>(() => ProfileStateEditor.Reset(store, ["leads"]));
            Assert.Throws<ProfileLockedException>(() => ProfileStateEditor.Set(store, "leads", DateTimeOffset.UnixEpoch));
        }
    }

    [Fact]
    public void An_unknown_stream_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<ArgumentException>(() => ProfileStateEditor.Set(Store(), "deals", DateTimeOffset.UnixEpoch));
        Assert.Contains("leads", error.Message);
    }
}

public sealed class StreamDescriberTests
{
    [Fact]
    public void Without_a_connection_each_stream_lists_its_schema_fields()
    {
        var streams = StreamDescriber.Describe(null, []);
        Assert.Equal(StreamCatalog.Names, streams.Select(s => s.Name));
        var leads = streams[0];
        Assert.Equal(("date_updated", "POST data/search/", "Closeio.Lead"), (leads.ReplicationKey, leads.Endpoint, leads.TypeName));
        Assert.Equal(StreamCatalog.Get("leads").Fields.Select(f => f.Name).Append("_extra"), leads.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Connected_the_organizations_custom_fields_are_listed_as_sync_names_them()
    {
        using var sandbox = QuerySandbox.Create();
        var leads = StreamDescriber.Describe(["leads"], sandbox.Connection, CancellationToken.None).Single();
        var record = sandbox.Run(new LeadQuery(), new QueryPaging(first: 1)).Single();

        Assert.Equal(record.Names, leads.Properties.Select(p => p.Name));
        var custom = leads.Properties.Where(p => p.IsCustomField).ToList();
        Assert.NotEmpty(custom);
        Assert.All(custom, p => Assert.StartsWith("cf_", p.CustomFieldId));
    }
}

public sealed class RequestLogRelayTests
{
    private static RequestLogEntry Entry(string path) => new("GET", path, 200, TimeSpan.Zero, 1, "GET x/", null);

    [Fact]
    public void Entries_are_kept_only_while_someone_listens()
    {
        var relay = new RequestLogRelay();
        relay.Log(Entry("a/"));
        using (relay.Listen())
        {
            relay.Log(Entry("b/"));
            Assert.Equal(new[] { "b/" }, relay.Drain().Select(e => e.Path));
            Assert.Empty(relay.Drain());
        }

        relay.Log(Entry("c/"));
        Assert.Empty(relay.Drain());
    }
}

public sealed class RecordPropertyNamesTests
{
    [Fact]
    public void Columns_keep_their_names_and_order_when_nothing_clashes()
    {
        Assert.Equal(new[] { "id", "date_updated", "name", "_extra" }, RecordPropertyNames.For(["id", "date_updated", "name", "_extra"]));
    }

    [Fact]
    public void Names_that_clash_ignoring_case_or_with_the_stream_property_are_numbered()
    {
        Assert.Equal(new[] { "id", "Name", "name_2", "stream_2" }, RecordPropertyNames.For(["id", "Name", "name", "stream"], "Stream"));
    }
}

public sealed class SyncRunReportTests
{
    private static StreamRunSummary Summary(string? error = null) => new()
    {
        Stream = "leads",
        Started = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
        Ended = new DateTimeOffset(2024, 5, 1, 10, 0, 2, 500, TimeSpan.Zero),
        Records = 50,
        Requests = 3,
        Retries = 1,
        RateLimited = 1,
        Outcome = error is null ? "Completed" : "Failed",
        Error = error,
    };

    [Fact]
    public void The_summary_line_names_the_stream_outcome_and_counts()
    {
        var line = new SyncRunReport(Summary(), "/p.json", bookmarksSaved: true).ToString();
        Assert.Equal("leads: Completed, 50 records, 3 requests (1 retries, 1 rate-limited) in 2.5 s", line);
    }

    [Fact]
    public void A_failed_run_says_why_and_a_what_if_run_says_nothing_was_saved()
    {
        var report = new SyncRunReport(Summary("Close answered 401."), "/p.json", bookmarksSaved: false);
        Assert.EndsWith(": Close answered 401. (bookmarks not saved)", report.ToString());
        Assert.Equal(TimeSpan.FromSeconds(2.5), report.Duration);
        Assert.False(report.BookmarksSaved);
    }
}
