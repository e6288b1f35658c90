using System.Text.Json;
using System.Text.RegularExpressions;

namespace Closeio.Sandbox.Tests.Model;

public class GenerationTests
{
    [Fact]
    public void Same_seed_options_and_clock_give_a_byte_identical_organization()
    {
        var a = ModelFixture.RenderEverything(ModelFixture.Create().Org).ToList();
        var b = ModelFixture.RenderEverything(ModelFixture.Create().Org).ToList();
        Assert.True(a.Count > 1000);
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_different_seed_gives_a_different_organization()
    {
        var a = ModelFixture.Create(new SandboxOptions { Seed = 1 }).Org;
        var b = ModelFixture.Create(new SandboxOptions { Seed = 2 }).Org;
        Assert.NotEqual(a.OrganizationId, b.OrganizationId);
        Assert.NotEqual(a.Leads().First().Id, b.Leads().First().Id);
        var datesA = a.Leads().Select(l => l.DateUpdated).ToList();
        var datesB = b.Leads().Select(l => l.DateUpdated).ToList();
        Assert.NotEqual(datesA, datesB);
    }

    [Fact]
    public void Sizes_follow_the_options()
    {
        var (org, _) = ModelFixture.Create(new SandboxOptions { Users = 7, Leads = 300, Activities = 2000, Tasks = 400 });
        Assert.Equal(7, org.Users().Count());
        Assert.Equal(org.Count(SandboxResource.Lead), org.Leads().Count());
        // A few leads and activities are deleted or merged inside the event window during generation.
        Assert.InRange(org.Leads().Count(), 290, 299);
        Assert.InRange(org.Activities(null, null).Count(), 1900, 1999);
        Assert.InRange(org.Tasks().Count(), 380, 400);
        Assert.Equal(org.Count(SandboxResource.Activity), org.Activities(null, null).Count());
        Assert.Equal(org.Count(SandboxResource.Contact), org.Contacts().Count());
    }

    [Fact]
    public void Every_object_kind_and_every_type_is_present_at_the_default_size()
    {
        var (org, _) = ModelFixture.Create();
        Assert.NotEmpty(org.Users());
        Assert.NotEmpty(org.Leads());
        Assert.NotEmpty(org.Contacts());
        Assert.NotEmpty(org.Opportunities());
        Assert.NotEmpty(org.Events());
        foreach (var kind in new[] { "lead", "contact", "opportunity", "activity", "shared", "custom_object_type" })
        {
            var types = org.CustomFields(kind).Select(f => ModelFixture.Json(f).GetProperty("type").GetString()).ToHashSet();
            Assert.Equal(new HashSet<string?> { "text", "number", "date", "datetime", "choices", "user", "hidden" }, types);
        }
        Assert.Equal(
            new HashSet<string?> { "lead", "incoming_email", "email_followup", "missed_call", "answered_detached_call", "voicemail", "opportunity_due", "incoming_sms", "outgoing_call" },
            org.Tasks().Select(t => t.Type).ToHashSet());
        Assert.Equal(
            new HashSet<string?> { "Call", "Email", "EmailThread", "Note", "SMS", "Meeting", "LeadStatusChange", "OpportunityStatusChange", "TaskCompleted", "Created",
                "LeadMerge", "WhatsAppMessage", "FormSubmission", "CustomActivity" },
            org.Activities(null, null).Select(a => a.Type).ToHashSet());
        var actions = org.Events().Select(e => ModelFixture.Json(e).GetProperty("action").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "created", "updated", "deleted", "merged" }, actions);
    }

    [Fact]
    public void Leads_carry_contacts_with_emails_phones_urls_opportunities_addresses_statuses_and_custom_values()
    {
        var (org, _) = ModelFixture.Create();
        var leads = org.Leads().Select(ModelFixture.Json).ToList();
        var leadFieldIds = org.CustomFields("lead").Concat(org.CustomFields("shared")).Select(f => "custom." + f.Id).ToHashSet();
        Assert.Contains(leads, l => l.GetProperty("contacts").EnumerateArray().Any(c =>
            c.GetProperty("emails").GetArrayLength() > 0 && c.GetProperty("phones").GetArrayLength() > 0 && c.GetProperty("urls").GetArrayLength() > 0));
        Assert.Contains(leads, l => l.GetProperty("opportunities").GetArrayLength() > 0);
        Assert.Contains(leads, l => l.GetProperty("addresses").GetArrayLength() > 0);
        Assert.True(leads.Select(l => l.GetProperty("status_label").GetString()).Distinct().Count() > 2);
        var customKeys = leads.SelectMany(l => l.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("custom.", StringComparison.Ordinal))).ToHashSet();
        Assert.NotEmpty(customKeys);
        Assert.Subset(leadFieldIds, customKeys);
        Assert.All(leads, l => Assert.All(l.GetProperty("contacts").EnumerateArray(), c => Assert.Equal(l.GetProperty("id").GetString(), c.GetProperty("lead_id").GetString())));
        var activityFieldKeys = org.Activities(null, null).Select(ModelFixture.Json)
            .SelectMany(a => a.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("custom.", StringComparison.Ordinal))).ToHashSet();
        Assert.Subset(org.CustomFields("activity").Select(f => "custom." + f.Id).ToHashSet(), activityFieldKeys);
    }

    [Fact]
    public void Ids_look_like_Close_ids_and_are_unique()
    {
        var (org, _) = ModelFixture.Create();
        var all = new List<(string Prefix, string Id)>();
        all.AddRange(org.Users().Select(x => ("user_", x.Id)));
        all.AddRange(new[] { "lead", "contact", "opportunity", "activity", "shared" }.SelectMany(org.CustomFields).Select(x => ("cf_", x.Id)));
        all.AddRange(org.Leads().Select(x => ("lead_", x.Id)));
        all.AddRange(org.Contacts().Select(x => ("cont_", x.Id)));
        all.AddRange(org.Opportunities().Select(x => ("oppo_", x.Id)));
        all.AddRange(org.Tasks().Select(x => ("task_", x.Id)));
        all.AddRange(org.Activities(null, null).Select(x => ("acti_", x.Id)));
        all.AddRange(org.Events().Select(x => ("ev_", x.Id)));
        all.Add(("orga_", org.OrganizationId));
        foreach (var (prefix, id) in all) Assert.Matches("^" + Regex.Escape(prefix) + "[0-9A-Za-z]{43}$", id);
        Assert.Equal(all.Count, all.Select(x => x.Id).Distinct().Count());
        var statusIds = ModelFixture.Json(org.Leads().First()).GetProperty("status_id").GetString();
        Assert.StartsWith("stat_", statusIds);
    }

    [Fact]
    public void Lists_come_in_ascending_id_order_and_find_returns_the_same_object()
    {
        var (org, _) = ModelFixture.Create();
        foreach (var list in new[] { org.Users(), org.Leads(), org.Contacts(), org.Opportunities(), org.Tasks() })
        {
            var ids = list.Select(x => x.Id).ToList();
            Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
            var middle = list.ElementAt(ids.Count / 2);
            Assert.Equal(middle.Render().ToJsonString(), org.Find(middle.Resource, middle.Id)!.Render().ToJsonString());
        }
        Assert.Null(org.Find(SandboxResource.Lead, "lead_doesnotexist"));
        var other = ModelFixture.Create(new SandboxOptions { Seed = 9 }).Org;
        Assert.Null(org.Find(SandboxResource.Lead, other.Leads().First().Id));
    }

    [Fact]
    public void Dates_spread_over_the_history_cluster_on_shared_instants_and_updates_never_precede_creation()
    {
        var (org, _) = ModelFixture.Create(new SandboxOptions { Leads = 400, Activities = 4000 });
        var items = org.Leads().Concat(org.Contacts()).Concat(org.Opportunities()).Concat(org.Tasks()).Concat(org.Activities(null, null)).ToList();
        var historyStart = ModelFixture.Start.AddDays(-365);
        Assert.All(items, x =>
        {
            Assert.InRange(x.DateCreated, historyStart, ModelFixture.Start);
            Assert.InRange(x.DateUpdated, x.DateCreated, ModelFixture.Start);
            Assert.Equal(0, x.DateUpdated.Ticks % 10); // whole microseconds, as rendered
        });
        Assert.True(items.Min(x => x.DateCreated) < historyStart.AddDays(30));
        Assert.True(items.Max(x => x.DateCreated) > ModelFixture.Start.AddDays(-30));
        // Ties to the microsecond exist within a kind (bulk edits, imports).
        Assert.Contains(org.Leads().GroupBy(x => x.DateUpdated), g => g.Count() > 1);
        Assert.Contains(org.Activities(null, null).GroupBy(x => x.DateCreated), g => g.Count() > 1);
        Assert.Contains(items.Where(x => x.DateUpdated > ModelFixture.Start.AddDays(-30)).GroupBy(x => x.DateUpdated), g => g.Count() > 1);
    }

    [Fact]
    public void A_lead_date_updated_is_at_least_that_of_its_latest_contact_opportunity_or_task()
    {
        var (org, _) = ModelFixture.Create();
        foreach (var lead in org.Leads())
        {
            var children = org.Contacts(lead.Id).Concat(org.Opportunities(lead.Id)).Concat(org.Tasks(lead.Id)).ToList();
            Assert.All(children, c => Assert.Equal(lead.Id, c.LeadId));
            if (children.Count > 0) Assert.True(lead.DateUpdated >= children.Max(c => c.DateUpdated));
        }
        Assert.Contains(org.Leads(), l => org.Contacts(l.Id).Concat(org.Tasks(l.Id)).Any(c => c.DateUpdated == l.DateUpdated && c.DateUpdated > l.DateCreated));
    }

    [Fact]
    public void Timestamps_render_in_Close_style_with_six_fraction_digits_and_utc_offset()
    {
        var (org, _) = ModelFixture.Create();
        var lead = ModelFixture.Json(org.Leads().First());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$", lead.GetProperty("date_updated").GetString());
        Assert.Equal(org.Leads().First().DateUpdated, ModelFixture.Time(lead, "date_updated"));
    }

    [Fact]
    public void Me_is_the_first_user_and_names_the_organization()
    {
        var (org, _) = ModelFixture.Create();
        var me = JsonDocument.Parse(org.RenderMe().ToJsonString()).RootElement;
        Assert.Equal(org.Users().First().Id, me.GetProperty("id").GetString());
        Assert.Equal(org.Me.Id, me.GetProperty("id").GetString());
        var organization = me.GetProperty("organizations")[0];
        Assert.Equal(org.OrganizationId, organization.GetProperty("id").GetString());
        Assert.Equal(org.OrganizationName, organization.GetProperty("name").GetString());
        Assert.Contains("@", me.GetProperty("email").GetString());
    }
}

public class DirectoryTests
{
    [Fact]
    public void Users_have_distinct_names_and_emails()
    {
        var (org, _) = ModelFixture.Create(new SandboxOptions { Users = 20 });
        var users = org.Users().Select(ModelFixture.Json).ToList();
        Assert.Equal(20, users.Select(u => u.GetProperty("first_name").GetString() + " " + u.GetProperty("last_name").GetString()).Distinct().Count());
        Assert.Equal(20, users.Select(u => u.GetProperty("email").GetString()).Distinct().Count());
    }
}
