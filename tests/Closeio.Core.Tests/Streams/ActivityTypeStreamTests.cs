namespace Closeio.Core.Tests.Streams;

/// <summary>
/// The per-type activity streams (calls, notes, ...): each holds exactly the combined stream's
/// records of its type, follows new and edited activities of its type incrementally (edits older
/// than the look-back through the event log), answers Get-CloseioRecord the same, and is left out of
/// a sync that names no stream.
/// </summary>
public sealed class ActivityTypeStreamTests
{
    /// <summary>Each per-type stream and the <c>_type</c> its records carry.</summary>
    public static TheoryData<string, string> TypeStreams { get; } = new()
    {
        { "calls", "Call" }, { "emails", "Email" }, { "email_threads", "EmailThread" }, { "meetings", "Meeting" },
        { "notes", "Note" }, { "sms", "SMS" }, { "lead_status_changes", "LeadStatusChange" },
        { "opportunity_status_changes", "OpportunityStatusChange" }, { "task_completions", "TaskCompleted" },
        { "whatsapp_messages", "WhatsAppMessage" }, { "custom_activities", "CustomActivity" },
    };

    private static SandboxHarness Create() => SandboxHarness.Create(SandboxHarness.Sizes(5, leads: 30, activities: 600));

    [Theory]
    [MemberData(nameof(TypeStreams))]
    public void A_per_type_stream_holds_exactly_the_combined_streams_records_of_its_type(string stream, string type)
    {
        using var h = Create();
        var run = SyncDriver.Run(h, SyncDriver.From("activities", stream));

        Assert.Empty(run.Errors);
        var combined = run.Of("activities").Where(r => (string?)r["_type"] == type).Select(r => (r.Id, r.Key)).Order().ToList();
        var own = run.Of(stream).Select(r => (r.Id, r.Key)).Order().ToList();
        Assert.NotEmpty(own);
        Assert.Equal(combined, own);
        Assert.Equal(h.Organization.Activities(null, null, null, type).Select(a => a.Id).Order(StringComparer.Ordinal),
            own.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.All(run.Of(stream), r => Assert.Equal(StreamCatalog.Get(stream).Fields.Count, r.Names.TakeWhile(n => n != RecordShaper.ExtraColumn)
            .Count(n => StreamCatalog.Get(stream).FindField(n) is not null)));
    }

    [Theory]
    [MemberData(nameof(TypeStreams))]
    public void An_incremental_sync_delivers_the_new_and_edited_activities_of_its_type_and_no_other(string stream, string type)
    {
        using var h = Create();
        var org = h.Organization;
        Assert.Empty(SyncDriver.Run(h, SyncDriver.From(stream)).Errors);

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var lead = org.Leads().First().Id;
        var created = org.CreateActivity(lead, type);
        var other = org.CreateActivity(lead, type == "Note" ? "Call" : "Note");
        // Older than any look-back: only the event log says it changed.
        var old = org.Activities(null, SandboxApi.DefaultStart.AddDays(-30), null, type).First();
        var edited = org.UpdateActivity(old.Id);
        var otherOld = org.Activities(null, SandboxApi.DefaultStart.AddDays(-30), null, type == "Note" ? "Call" : "Note").First();
        org.UpdateActivity(otherOld.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var run = SyncDriver.Run(h, SyncDriver.From(stream));

        Assert.Empty(run.Errors);
        Assert.Equal(new[] { created.Id, edited.Id }.Order(StringComparer.Ordinal), run.Of(stream).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(other.Id, run.Records.Select(r => r.Id));
        Assert.Equal(CloseTimestamp.Format(edited.DateUpdated), run.Of(stream).Single(r => r.Id == edited.Id)["date_updated"]);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(SyncDriver.Run(h, SyncDriver.From(stream)).Records);
    }

    [Fact]
    public void A_per_type_streams_edit_pass_asks_the_event_log_for_its_own_type_only()
    {
        var log = new List<RequestLogEntry>();
        using var h = SandboxHarness.Create(SandboxHarness.Sizes(5, leads: 30, activities: 600), log: e => { lock (log) log.Add(e); });
        SyncDriver.Run(h, SyncDriver.From("calls"));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        lock (log) log.Clear();

        SyncDriver.Run(h, SyncDriver.From("calls"));

        List<string> events;
        lock (log) events = log.Where(e => e.Path.StartsWith("event/", StringComparison.Ordinal)).Select(e => e.Path).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, p => Assert.Contains("object_type=activity.call", p));
    }

    [Theory]
    [MemberData(nameof(TypeStreams))]
    public void Get_CloseioRecord_returns_the_same_records_as_a_sync(string stream, string type)
    {
        using var h = Create();
        var synced = SyncDriver.Run(h, SyncDriver.From(stream)).Of(stream).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        var queried = new StreamQuery(StreamCatalog.Get(stream)).Run(new QueryContext(h.Connection, null), CancellationToken.None).ToList();

        Assert.Equal(synced, queried.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(queried, r => Assert.Equal(type, r["_type"]));
    }

    [Fact]
    public void A_sync_that_names_no_stream_leaves_the_per_type_streams_out()
    {
        using var h = Create();
        var run = SyncDriver.Run(h, new SyncRequest { StartDate = SyncDriver.From().StartDate });

        Assert.Empty(run.Errors);
        Assert.NotEmpty(run.Of("activities"));
        var perType = TypeStreams.Select(row => (string)row[0]).ToHashSet();
        Assert.DoesNotContain(run.Records, r => perType.Contains(r.Stream));
        Assert.Contains(run.Records, r => r.Stream == "opportunities");
        Assert.Contains(run.Records, r => r.Stream == "contacts");
    }
}
