using System.Text.Json;

namespace Closeio.Sandbox.Tests.Model;

/// <summary>Changes to settings objects, the event log entries they write, and the organization's own record of deletions.</summary>
public class DirectoryChangeTests
{
    private readonly SandboxOrganization _org;
    private readonly SandboxClock _clock;

    public DirectoryChangeTests()
    {
        (_org, _clock) = ModelFixture.Create(new SandboxOptions { Leads = 400, Activities = 2000, Tasks = 400 });
        _clock.Advance(TimeSpan.FromMinutes(5));
    }

    private List<JsonElement> EventsFor(string objectId) =>
        _org.Events().Select(ModelFixture.Json).Where(e => e.GetProperty("object_id").GetString() == objectId).Reverse().ToList();

    [Theory]
    [InlineData(SandboxResource.EmailTemplate, "email_template")]
    [InlineData(SandboxResource.SmsTemplate, "sms_template")]
    [InlineData(SandboxResource.Sequence, "sequence")]
    [InlineData(SandboxResource.SavedSearch, "saved_search")]
    [InlineData(SandboxResource.LeadStatus, "status.lead")]
    [InlineData(SandboxResource.OpportunityStatus, "status.opportunity")]
    public void Creating_editing_and_deleting_a_settings_object_logs_each_step_and_records_the_deletion(SandboxResource kind, string objectType)
    {
        var before = _org.Objects(kind).Count();
        var made = _org.CreateObject(kind);
        Assert.Equal(before + 1, _org.Objects(kind).Count());
        _clock.Advance(TimeSpan.FromSeconds(2));
        var edited = _org.UpdateObject(kind, made.Id);
        Assert.True(edited.DateUpdated > made.DateUpdated);
        Assert.NotEqual(made.Render().ToJsonString(), edited.Render().ToJsonString());
        _clock.Advance(TimeSpan.FromSeconds(2));
        _org.DeleteObject(kind, made.Id);
        Assert.Null(_org.Find(kind, made.Id));
        Assert.Equal(before, _org.Objects(kind).Count());

        var events = EventsFor(made.Id);
        Assert.Equal(["created", "updated", "deleted"], events.Select(e => e.GetProperty("action").GetString()));
        Assert.All(events, e => Assert.Equal(objectType, e.GetProperty("object_type").GetString()));
        // Statuses carry no dates in Close: their edit shows as a changed label; the others' date_updated moves too.
        var changed = events[1].GetProperty("changed_fields").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains(kind is SandboxResource.LeadStatus or SandboxResource.OpportunityStatus ? "label" : "date_updated", changed);

        var deletion = Assert.Single(_org.Deletions, d => d.Id == made.Id);
        Assert.Equal(objectType, deletion.ObjectType);
        Assert.Null(deletion.LeadId);
        Assert.Null(deletion.MergedInto);
        Assert.Equal(_clock.GetUtcNow(), deletion.When);
        Assert.Equal(_org.Me.Id, deletion.UserId);
    }

    [Theory]
    [InlineData(SandboxResource.SequenceSubscription, "sequence_subscription")]
    [InlineData(SandboxResource.CustomObject, "custom_object")]
    [InlineData(SandboxResource.Comment, "comment")]
    public void Editing_a_lead_bound_object_moves_its_date_updated_logs_updated_and_leaves_its_lead_alone(SandboxResource kind, string objectType)
    {
        var item = _org.Objects(kind).First();
        var lead = _org.Find(SandboxResource.Lead, item.LeadId!)!;
        _clock.Advance(TimeSpan.FromSeconds(2));

        var edited = _org.UpdateObject(kind, item.Id);

        Assert.True(edited.DateUpdated > item.DateUpdated);
        var updated = Assert.Single(EventsFor(item.Id), e => e.GetProperty("action").GetString() == "updated");
        Assert.Equal(objectType, updated.GetProperty("object_type").GetString());
        Assert.Equal(lead.DateUpdated, _org.Find(SandboxResource.Lead, item.LeadId!)!.DateUpdated);
    }

    [Fact]
    public void Statuses_in_use_and_templates_a_sequence_sends_cannot_be_deleted()
    {
        var used = _org.Leads().First().Render()["status_id"]!.GetValue<string>();
        Assert.Throws<InvalidOperationException>(() => _org.DeleteObject(SandboxResource.LeadStatus, used));
        Assert.Throws<InvalidOperationException>(() => _org.UpdateObject(SandboxResource.LeadStatus, used));
        var sent = _org.Objects(SandboxResource.Sequence).First().Render()["steps"]![0]!["email_template_id"]!.GetValue<string>();
        Assert.Throws<InvalidOperationException>(() => _org.DeleteObject(SandboxResource.EmailTemplate, sent));
        Assert.Throws<ArgumentOutOfRangeException>(() => _org.CreateObject(SandboxResource.Role));
        Assert.NotNull(_org.Find(SandboxResource.LeadStatus, used));
    }

    /// <summary>
    /// What a deletions stream built from the event log must find: every deleted or merged-away object
    /// of the last 30 days, generation's history and random changes alike, is in both, with the same details.
    /// </summary>
    [Fact]
    public void The_deletion_record_matches_the_event_logs_deleted_and_merged_entries()
    {
        var rng = new Random(23);
        for (var i = 0; i < 800; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(rng.Next(0, 4) * 250));
            _org.RandomChange(rng);
        }
        var events = _org.Events().Select(ModelFixture.Json).ToList();
        var deleted = events.Where(e => e.GetProperty("action").GetString() == "deleted")
            .ToDictionary(e => (e.GetProperty("object_type").GetString()!, e.GetProperty("object_id").GetString()!));
        var record = _org.Deletions;
        Assert.Equal(deleted.Keys.ToHashSet(), record.Select(d => (d.ObjectType, d.Id)).ToHashSet());
        Assert.Equal(record.Count, deleted.Count);
        Assert.Contains(record, d => d.ObjectType.StartsWith("activity.", StringComparison.Ordinal));
        Assert.Contains(record, d => d.ObjectType is "email_template" or "sms_template" or "sequence" or "saved_search" or "status.lead" or "status.opportunity");
        foreach (var d in record)
        {
            var e = deleted[(d.ObjectType, d.Id)];
            Assert.Equal(ModelFixture.Time(e, "date_created"), d.When);
            Assert.Equal(e.GetProperty("user_id").GetString(), d.UserId);
            Assert.Equal(e.GetProperty("lead_id").ValueKind == JsonValueKind.Null ? null : e.GetProperty("lead_id").GetString(), d.LeadId);
        }

        var merges = events.Where(e => e.GetProperty("action").GetString() == "merged")
            .Select(e => (e.GetProperty("meta").GetProperty("merge_source_lead_id").GetString(), e.GetProperty("meta").GetProperty("merge_destination_lead_id").GetString()))
            .ToHashSet();
        Assert.NotEmpty(merges);
        Assert.Equal(merges, record.Where(d => d.MergedInto is not null).Select(d => ((string?)d.Id, (string?)d.MergedInto)).ToHashSet());
        Assert.All(record.Where(d => d.MergedInto is not null), d => Assert.Equal("lead", d.ObjectType));
    }

    [Fact]
    public void Objects_under_a_deleted_lead_go_with_it()
    {
        var subscription = _org.Objects(SandboxResource.SequenceSubscription).First();
        var leadId = subscription.LeadId!;
        _org.DeleteLead(leadId);
        Assert.Null(_org.Find(SandboxResource.SequenceSubscription, subscription.Id));
        Assert.DoesNotContain(_org.Objects(SandboxResource.SequenceSubscription), s => s.LeadId == leadId);
        Assert.DoesNotContain(_org.Objects(SandboxResource.CustomObject), s => s.LeadId == leadId);
        Assert.Contains(_org.Deletions, d => d.Id == leadId && d.ObjectType == "lead" && d.LeadId == leadId);
    }
}
