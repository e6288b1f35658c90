using System.Text.Json;

namespace Closeio.Sandbox.Tests.Model;

/// <summary>Each mutation moves date_updated to the clock's now and writes the events Close would.</summary>
public class MutationTests
{
    private readonly SandboxOrganization _org;
    private readonly SandboxClock _clock;

    public MutationTests()
    {
        (_org, _clock) = ModelFixture.Create();
        _clock.Advance(TimeSpan.FromMinutes(5));
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Events written at or after <paramref name="since"/>, oldest first.</summary>
    private List<JsonElement> EventsSince(DateTimeOffset since) =>
        _org.Events().Where(e => e.DateUpdated >= since).Select(ModelFixture.Json).Reverse().ToList();

    private static (string Action, string ObjectType, string ObjectId) Key(JsonElement e) =>
        (e.GetProperty("action").GetString()!, e.GetProperty("object_type").GetString()!, e.GetProperty("object_id").GetString()!);

    private SandboxItem LeadWith(Func<SandboxItem, bool> condition) => _org.Leads().First(condition);

    [Fact]
    public void Creating_a_lead_stamps_now_and_logs_created_with_its_data()
    {
        var before = _org.Count(SandboxResource.Lead);
        var lead = _org.CreateLead();
        Assert.Equal(Now, lead.DateCreated);
        Assert.Equal(Now, lead.DateUpdated);
        Assert.Equal(before + 1, _org.Count(SandboxResource.Lead));
        Assert.Equal(lead.Id, _org.Leads().Last().Id); // new ids sort after existing ones
        var e = Assert.Single(EventsSince(Now));
        Assert.Equal(("created", "lead", lead.Id), Key(e));
        Assert.Equal(lead.Id, e.GetProperty("lead_id").GetString());
        Assert.Equal(lead.Id, e.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(_org.Me.Id, e.GetProperty("user_id").GetString());
        Assert.Equal("POST", e.GetProperty("meta").GetProperty("request_method").GetString());
    }

    [Fact]
    public void Updating_a_lead_moves_date_updated_and_logs_changed_fields_with_previous_values()
    {
        var lead = _org.Leads().First();
        var old = ModelFixture.Json(lead);
        var updated = _org.UpdateLead(lead.Id);
        Assert.Equal(Now, updated.DateUpdated);
        Assert.Equal(lead.DateCreated, updated.DateCreated);
        Assert.Equal(Now, _org.Find(SandboxResource.Lead, lead.Id)!.DateUpdated);
        var e = Assert.Single(EventsSince(Now));
        Assert.Equal(("updated", "lead", lead.Id), Key(e));
        var changed = e.GetProperty("changed_fields").EnumerateArray().Select(x => x.GetString()!).ToList();
        Assert.Contains("date_updated", changed);
        Assert.Contains("description", changed); // content changes with the version
        var previous = e.GetProperty("previous_data");
        Assert.Equal(old.GetProperty("date_updated").GetString(), previous.GetProperty("date_updated").GetString());
        Assert.Equal(old.GetProperty("description").GetString(), previous.GetProperty("description").GetString());
        Assert.Equal(ModelFixture.Json(updated).GetProperty("description").GetString(), e.GetProperty("data").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData(SandboxResource.Contact)]
    [InlineData(SandboxResource.Opportunity)]
    [InlineData(SandboxResource.Task)]
    public void Child_changes_move_the_child_and_its_lead_and_log_both(SandboxResource resource)
    {
        var lead = _org.Leads().First();
        SandboxItem child = resource switch
        {
            SandboxResource.Contact => _org.CreateContact(lead.Id),
            SandboxResource.Opportunity => _org.CreateOpportunity(lead.Id),
            _ => _org.CreateTask(lead.Id, "missed_call"),
        };
        var objectType = resource switch { SandboxResource.Contact => "contact", SandboxResource.Opportunity => "opportunity", _ => "task.missed_call" };
        Assert.Equal(lead.Id, child.LeadId);
        Assert.Equal(Now, _org.Find(SandboxResource.Lead, lead.Id)!.DateUpdated);
        Assert.Equal(new[] { ("created", objectType, child.Id), ("updated", "lead", lead.Id) }, EventsSince(Now).Select(Key));
        Assert.Contains(child.Id, ModelFixture.Json(_org.Find(SandboxResource.Lead, lead.Id)!).GetRawText());

        _clock.Advance(TimeSpan.FromSeconds(3));
        var updated = resource switch
        {
            SandboxResource.Contact => _org.UpdateContact(child.Id),
            SandboxResource.Opportunity => _org.UpdateOpportunity(child.Id),
            _ => _org.UpdateTask(child.Id),
        };
        Assert.Equal(Now, updated.DateUpdated);
        Assert.Equal(Now, _org.Find(SandboxResource.Lead, lead.Id)!.DateUpdated);
        Assert.Equal(new[] { ("updated", objectType, child.Id), ("updated", "lead", lead.Id) }, EventsSince(Now).Select(Key));

        _clock.Advance(TimeSpan.FromSeconds(3));
        switch (resource)
        {
            case SandboxResource.Contact: _org.DeleteContact(child.Id); break;
            case SandboxResource.Opportunity: _org.DeleteOpportunity(child.Id); break;
            default: _org.DeleteTask(child.Id); break;
        }
        Assert.Null(_org.Find(resource, child.Id));
        Assert.DoesNotContain(child.Id, ModelFixture.Json(_org.Find(SandboxResource.Lead, lead.Id)!).GetRawText());
        var events = EventsSince(Now);
        Assert.Equal(new[] { ("deleted", objectType, child.Id), ("updated", "lead", lead.Id) }, events.Select(Key));
        Assert.Equal(JsonValueKind.Null, events[0].GetProperty("data").ValueKind);
        Assert.Equal(child.Id, events[0].GetProperty("previous_data").GetProperty("id").GetString());
        Assert.Throws<KeyNotFoundException>(() => _org.UpdateContact(resource == SandboxResource.Contact ? child.Id : "cont_missing"));
    }

    [Fact]
    public void Activity_changes_are_logged_with_the_activity_object_type()
    {
        var lead = _org.Leads().First();
        var call = _org.CreateActivity(lead.Id, "Call");
        Assert.Equal(Now, call.DateCreated);
        Assert.Equal(call.Id, _org.Activities(null, null).First().Id); // newest first
        Assert.Equal(call.Id, _org.Activities(Now, null, lead.Id, "Call").Single().Id);
        Assert.Equal(("created", "activity.call", call.Id), Key(Assert.Single(EventsSince(Now))));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var updated = _org.UpdateActivity(call.Id);
        Assert.Equal(Now, updated.DateUpdated);
        Assert.Equal(call.DateCreated, updated.DateCreated);
        Assert.Equal(("updated", "activity.call", call.Id), Key(Assert.Single(EventsSince(Now))));

        _clock.Advance(TimeSpan.FromSeconds(1));
        _org.DeleteActivity(call.Id);
        Assert.Null(_org.Find(SandboxResource.Activity, call.Id));
        Assert.DoesNotContain(_org.Activities(null, null, lead.Id), a => a.Id == call.Id);
        Assert.Equal(("deleted", "activity.call", call.Id), Key(Assert.Single(EventsSince(Now))));
    }

    [Fact]
    public void Deleting_a_lead_deletes_and_logs_its_contacts_opportunities_tasks_and_activities()
    {
        var lead = LeadWith(l => _org.Contacts(l.Id).Any() && _org.Opportunities(l.Id).Any() && _org.Tasks(l.Id).Any() && _org.Activities(null, null, l.Id).Any());
        var children = _org.Contacts(lead.Id).Concat(_org.Opportunities(lead.Id)).Concat(_org.Tasks(lead.Id)).Concat(_org.Activities(null, null, lead.Id)).ToList();
        var activityCount = _org.Count(SandboxResource.Activity);
        _org.DeleteLead(lead.Id);

        Assert.Null(_org.Find(SandboxResource.Lead, lead.Id));
        Assert.All(children, c => Assert.Null(_org.Find(c.Resource, c.Id)));
        Assert.Empty(_org.Activities(null, null, lead.Id));
        Assert.DoesNotContain(_org.Leads(), l => l.Id == lead.Id);
        Assert.Equal(activityCount - children.Count(c => c.Resource == SandboxResource.Activity), _org.Count(SandboxResource.Activity));
        var events = EventsSince(Now);
        Assert.All(events, e => Assert.Equal("deleted", e.GetProperty("action").GetString()));
        Assert.All(events, e => Assert.Equal(lead.Id, e.GetProperty("lead_id").GetString()));
        Assert.Equal(children.Select(c => c.Id).Append(lead.Id).Order(), events.Select(e => e.GetProperty("object_id").GetString()!).Order());
        Assert.Single(events.Select(e => e.GetProperty("request_id").GetString()).Distinct()); // one request
    }

    [Fact]
    public void Merging_moves_the_children_deletes_the_source_and_logs_merged_with_both_ids()
    {
        var source = LeadWith(l => _org.Contacts(l.Id).Any() && _org.Activities(null, null, l.Id).Any());
        var destination = _org.Leads().First(l => l.Id != source.Id);
        var moved = _org.Contacts(source.Id).Concat(_org.Opportunities(source.Id)).Concat(_org.Tasks(source.Id)).Concat(_org.Activities(null, null, source.Id)).ToList();
        var destinationContacts = _org.Contacts(destination.Id).Count();

        _org.MergeLeads(source.Id, destination.Id);

        Assert.Null(_org.Find(SandboxResource.Lead, source.Id));
        Assert.Equal(Now, _org.Find(SandboxResource.Lead, destination.Id)!.DateUpdated);
        Assert.All(moved, m =>
        {
            var now = _org.Find(m.Resource, m.Id)!;
            Assert.Equal(destination.Id, now.LeadId);
            Assert.Equal(Now, now.DateUpdated);
        });
        Assert.Equal(destinationContacts + moved.Count(m => m.Resource == SandboxResource.Contact), _org.Contacts(destination.Id).Count());
        Assert.Empty(_org.Activities(null, null, source.Id));

        var events = EventsSince(Now);
        var merged = Assert.Single(events, e => e.GetProperty("action").GetString() == "merged");
        Assert.Equal(destination.Id, merged.GetProperty("object_id").GetString());
        Assert.Equal(source.Id, merged.GetProperty("meta").GetProperty("merge_source_lead_id").GetString());
        Assert.Equal(destination.Id, merged.GetProperty("meta").GetProperty("merge_destination_lead_id").GetString());
        Assert.Contains(events, e => Key(e) == ("deleted", "lead", source.Id));
        foreach (var m in moved)
        {
            var e = Assert.Single(events, e => e.GetProperty("object_id").GetString() == m.Id);
            Assert.Equal("updated", e.GetProperty("action").GetString());
            Assert.Contains("lead_id", e.GetProperty("changed_fields").EnumerateArray().Select(x => x.GetString()));
            Assert.Equal(source.Id, e.GetProperty("previous_data").GetProperty("lead_id").GetString());
        }
        Assert.Throws<ArgumentException>(() => _org.MergeLeads(destination.Id, destination.Id));
    }

    [Fact]
    public void Users_and_custom_fields_change_too()
    {
        var user = _org.Users().Last();
        Assert.Equal(Now, _org.UpdateUser(user.Id).DateUpdated);
        Assert.Equal(Now, _org.Find(SandboxResource.User, user.Id)!.DateUpdated);

        var field = _org.CreateCustomField("contact");
        Assert.Equal("contact", field.Type);
        Assert.Contains(_org.CustomFields("contact"), f => f.Id == field.Id);
        Assert.Equal(("created", "custom_fields.contact", field.Id), Key(Assert.Single(EventsSince(Now))));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Now, _org.UpdateCustomField(field.Id).DateUpdated);
        Assert.Equal(("updated", "custom_fields.contact", field.Id), Key(Assert.Single(EventsSince(Now))));
        Assert.Throws<ArgumentException>(() => _org.CreateCustomField("planet"));
    }

    [Fact]
    public void A_new_custom_field_gets_values_only_on_objects_changed_after_it_exists()
    {
        var field = _org.CreateCustomField("lead");
        var key = "custom." + field.Id;
        Assert.DoesNotContain(_org.Leads().Take(50), l => ModelFixture.Json(l).TryGetProperty(key, out _));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var valued = _org.Leads().Take(20).Select(l => ModelFixture.Json(_org.UpdateLead(l.Id))).Count(j => j.TryGetProperty(key, out _));
        Assert.True(valued > 0);
    }

    [Fact]
    public void Random_changes_cover_every_action_and_keep_the_organization_readable()
    {
        var rng = new Random(11);
        var changes = new List<SandboxChange>();
        for (var i = 0; i < 600; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(rng.Next(0, 3) * 250)); // some changes share a timestamp
            changes.Add(_org.RandomChange(rng));
        }
        Assert.Equal(new HashSet<string> { "created", "updated", "deleted", "merged" }, changes.Select(c => c.Action).ToHashSet());
        // Seven seed kinds, and the six settings kinds (statuses, templates, sequences, smart views).
        Assert.Equal(13, changes.Select(c => c.Resource).Distinct().Count());
        foreach (var c in changes.Where(c => c.Action is "created" or "updated").GroupBy(c => (c.Resource, c.Id)).Select(g => g.Last()))
        {
            var item = _org.Find(c.Resource, c.Id);
            if (item is not null) Assert.True(item.DateUpdated > ModelFixture.Start);
        }
        foreach (var c in changes.Where(c => c.Action == "deleted")) Assert.Null(_org.Find(c.Resource, c.Id));
        Assert.Equal(_org.Count(SandboxResource.Lead), _org.Leads().Count());
        Assert.Equal(_org.Count(SandboxResource.Activity), _org.Activities(null, null).Count());
        Assert.NotEmpty(ModelFixture.RenderEverything(_org));
    }
}
