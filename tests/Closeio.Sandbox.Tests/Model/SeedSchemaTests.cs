using System.Text.Json;

namespace Closeio.Sandbox.Tests.Model;

/// <summary>
/// Every field that Stitch's schema (shared/seeds/001) lists for a table is present on every
/// rendered object of that table: a replica built from these renders has all the columns.
/// </summary>
public class SeedSchemaTests
{
    // Field lists transcribed from the seed document, table by table.
    private static readonly string[] ActivityFields =
    [
        "id", "date_created", "_type", "attachments", "bcc", "body_html", "body_html_quoted", "body_preview", "body_text",
        "body_text_quoted", "cc", "contact_id", "created_by", "created_by_name", "date_scheduled", "date_sent", "date_updated",
        "dialer_id", "direction", "duration", "email_account_id", "envelope", "import_id", "in_reply_to_id", "lead_id",
        "local_phone", "message_ids", "need_smtp_credentials", "new_status_id", "new_status_label", "new_status_type", "note",
        "old_status_id", "old_status_label", "old_status_type", "opens", "opens_summary", "opportunity_confidence",
        "opportunity_date_won", "opportunity_id", "opportunity_value", "opportunity_value_currency", "opportunity_value_formatted",
        "opportunity_value_period", "organization_id", "phone", "recording_url", "references", "remote_phone", "send_attempts",
        "sender", "source", "status", "subject", "task_assigned_to", "task_assigned_to_name", "task_id", "task_text",
        "template_id", "template_name", "thread_id", "to", "transferred_from", "transferred_to", "updated_by", "updated_by_name",
        "user_id", "user_name", "users", "voicemail_duration", "voicemail_url",
    ];

    private static readonly string[] EnvelopeFields = ["bcc", "cc", "date", "from", "in_reply_to", "is_autoreply", "message_id", "reply_to", "sender", "subject", "to"];

    private static readonly string[] CustomFieldFields =
        ["id", "date_updated", "choices", "created_by", "date_created", "editable_with_roles", "name", "organization_id", "type", "updated_by"];

    private static readonly string[] EventFields =
    [
        "id", "date_updated", "action", "changed_fields", "data", "date_created", "lead_id", "meta", "object_id", "object_type",
        "organization_id", "previous_data", "request_id", "user_id",
    ];

    private static readonly string[] LeadFields =
    [
        "id", "date_updated", "addresses", "contacts", "created_by", "created_by_name", "custom_fields", "date_created",
        "description", "display_name", "html_url", "integration_links", "name", "opportunities", "organization_id", "status_id",
        "status_label", "tasks", "updated_by", "updated_by_name", "url",
    ];

    private static readonly string[] AddressFields = ["address_1", "address_2", "city", "country", "label", "state", "zipcode"];

    private static readonly string[] ContactFields =
    [
        "id", "created_by", "date_created", "date_updated", "display_name", "emails", "integration_links", "lead_id", "name",
        "organization_id", "phones", "title", "updated_by", "urls",
    ];

    private static readonly string[] OpportunityFields =
    [
        "id", "confidence", "contact_id", "contact_name", "created_by", "created_by_name", "date_created", "date_lost",
        "date_updated", "date_won", "integration_links", "lead_id", "lead_name", "note", "organization_id", "status_id",
        "status_label", "status_type", "updated_by", "updated_by_name", "user_id", "user_name", "value", "value_currency",
        "value_formatted", "value_period",
    ];

    private static readonly string[] TaskFields =
    [
        "id", "date_updated", "_type", "assigned_to", "assigned_to_name", "body_preview", "contact_id", "contact_name",
        "created_by", "created_by_name", "date", "date_created", "due_date", "email_id", "emails", "is_complete", "is_dateless",
        "lead_id", "lead_name", "local_phone", "object_id", "object_type", "opportunity_note", "opportunity_value",
        "opportunity_value_currency", "opportunity_value_formatted", "opportunity_value_period", "organization_id", "phone",
        "phone_formatted", "phone_number_description", "recording_url", "remote_phone", "remote_phone_description",
        "remote_phone_formatted", "subject", "text", "updated_by", "updated_by_name", "view", "voicemail_duration", "voicemail_url",
    ];

    private static readonly string[] UserFields =
        ["id", "date_updated", "date_created", "email", "first_name", "image", "last_name", "last_used_timezone", "organizations"];

    private static void HasAll(JsonElement e, IEnumerable<string> fields, string what)
    {
        var missing = fields.Where(f => !e.TryGetProperty(f, out _)).ToList();
        Assert.True(missing.Count == 0, $"{what} {(e.TryGetProperty("id", out var id) ? id.ToString() : "")} lacks: {string.Join(", ", missing)}");
    }

    private static readonly SandboxOrganization Org = ModelFixture.Create().Org;

    [Fact]
    public void Every_activity_type_has_every_listed_activity_field()
    {
        foreach (var a in Org.Activities(null, null).Select(ModelFixture.Json))
        {
            HasAll(a, ActivityFields, a.GetProperty("_type").GetString()!);
            if (a.GetProperty("_type").GetString() == "Email") HasAll(a.GetProperty("envelope"), EnvelopeFields, "envelope of");
        }
    }

    [Fact]
    public void Type_specific_activity_fields_are_filled_where_they_apply_and_null_elsewhere()
    {
        var byType = Org.Activities(null, null).Select(ModelFixture.Json).GroupBy(a => a.GetProperty("_type").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(byType["Call"], a => Assert.Equal(JsonValueKind.Number, a.GetProperty("duration").ValueKind));
        Assert.All(byType["Email"], a => Assert.Equal(JsonValueKind.String, a.GetProperty("subject").ValueKind));
        Assert.All(byType["Note"], a => Assert.Equal(JsonValueKind.String, a.GetProperty("note").ValueKind));
        Assert.All(byType["LeadStatusChange"], a => Assert.StartsWith("stat_", a.GetProperty("new_status_id").GetString()));
        Assert.All(byType["OpportunityStatusChange"], a => Assert.Equal(JsonValueKind.Number, a.GetProperty("opportunity_value").ValueKind));
        Assert.All(byType["TaskCompleted"], a => Assert.StartsWith("task_", a.GetProperty("task_id").GetString()));
        Assert.All(byType["Created"], a => Assert.Equal(1, a.GetProperty("users").GetArrayLength()));
        Assert.All(byType["Note"], a => Assert.Equal(JsonValueKind.Null, a.GetProperty("envelope").ValueKind));
        Assert.All(byType["Call"], a => Assert.Equal(JsonValueKind.Null, a.GetProperty("task_id").ValueKind));
    }

    [Fact]
    public void Leads_and_their_nested_objects_have_every_listed_field()
    {
        foreach (var lead in Org.Leads().Select(ModelFixture.Json))
        {
            HasAll(lead, LeadFields, "lead");
            foreach (var a in lead.GetProperty("addresses").EnumerateArray()) HasAll(a, AddressFields, "address");
            foreach (var c in lead.GetProperty("contacts").EnumerateArray())
            {
                HasAll(c, ContactFields, "contact");
                foreach (var e in c.GetProperty("emails").EnumerateArray()) HasAll(e, ["email", "type"], "email");
                foreach (var p in c.GetProperty("phones").EnumerateArray()) HasAll(p, ["phone", "phone_formatted", "type"], "phone");
            }
            foreach (var o in lead.GetProperty("opportunities").EnumerateArray()) HasAll(o, OpportunityFields, "opportunity");
            foreach (var t in lead.GetProperty("tasks").EnumerateArray()) HasAll(t, TaskFields, "task");
        }
    }

    [Fact]
    public void Tasks_users_custom_fields_and_events_have_every_listed_field()
    {
        foreach (var t in Org.Tasks().Select(ModelFixture.Json)) HasAll(t, TaskFields, "task");
        foreach (var u in Org.Users().Select(ModelFixture.Json)) HasAll(u, UserFields, "user");
        foreach (var kind in new[] { "lead", "contact", "opportunity", "activity", "shared" })
            foreach (var f in Org.CustomFields(kind).Select(ModelFixture.Json)) HasAll(f, CustomFieldFields, "custom field");
        foreach (var e in Org.Events().Select(ModelFixture.Json))
        {
            HasAll(e, EventFields, "event");
            HasAll(e.GetProperty("meta"), ["request_method", "request_path"], "meta of");
        }
    }

    [Fact]
    public void Tasks_point_at_the_object_their_type_names()
    {
        var tasks = Org.Tasks().Select(ModelFixture.Json).ToList();
        var resolved = 0;
        foreach (var t in tasks.Where(t => t.GetProperty("object_id").ValueKind == JsonValueKind.String))
        {
            var objectId = t.GetProperty("object_id").GetString()!;
            var type = t.GetProperty("_type").GetString();
            if (type == "opportunity_due")
            {
                Assert.StartsWith("oppo_", objectId);
                continue;
            }
            var expected = type switch { "missed_call" or "voicemail" or "answered_detached_call" => "Call", "incoming_sms" => "SMS", _ => "EmailThread" };
            var activity = Org.Find(SandboxResource.Activity, objectId);
            if (activity is null) continue; // its activity was deleted since
            Assert.Equal(expected, activity.Type);
            Assert.Equal(t.GetProperty("lead_id").GetString(), activity.LeadId);
            resolved++;
        }
        Assert.True(resolved >= 5, $"only {resolved} task objects resolved");
        Assert.Contains(tasks, t => t.GetProperty("_type").GetString() == "missed_call" && t.GetProperty("object_id").ValueKind == JsonValueKind.String);
    }
}
