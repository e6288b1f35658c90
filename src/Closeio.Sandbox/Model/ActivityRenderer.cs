using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// Renders activities of every type. Every field of Stitch's activities schema is present on every
/// type (null where it does not apply), so a columnar destination sees one stable shape.
/// </summary>
internal static class ActivityRenderer
{
    private static readonly string[] Fields =
    [
        "id", "_type", "organization_id", "lead_id", "contact_id", "user_id", "user_name",
        "created_by", "created_by_name", "updated_by", "updated_by_name", "date_created", "date_updated", "activity_at",
        "source", "import_id", "direction", "status", "note", "duration", "phone", "local_phone", "remote_phone", "dialer_id",
        "recording_url", "voicemail_duration", "voicemail_url", "transferred_from", "transferred_to",
        "subject", "sender", "to", "cc", "bcc", "envelope", "body_text", "body_html", "body_preview",
        "body_text_quoted", "body_html_quoted", "attachments", "email_account_id", "message_ids", "in_reply_to_id",
        "thread_id", "references", "opens", "opens_summary", "send_attempts", "template_id", "template_name",
        "date_sent", "date_scheduled", "need_smtp_credentials",
        "old_status_id", "old_status_label", "old_status_type", "new_status_id", "new_status_label", "new_status_type",
        "opportunity_id", "opportunity_confidence", "opportunity_date_won", "opportunity_value", "opportunity_value_currency",
        "opportunity_value_formatted", "opportunity_value_period",
        "task_id", "task_text", "task_assigned_to", "task_assigned_to_name", "users",
    ];

    public static JsonObject Render(SandboxOrganization org, in ObjectState s)
    {
        var o = new JsonObject();
        foreach (var f in Fields) o[f] = null;
        var id = org.IdOf(SandboxResource.Activity, s.Number);
        var stable = Mix.Of(org.Seed, 51, s.Number);
        var mix = Mix.Of(org.Seed, 52, s.Number, s.Version);
        o["id"] = id;
        o["_type"] = Catalog.ActivityTypes[s.Type];
        o["organization_id"] = org.OrganizationId;
        o["lead_id"] = org.IdOf(SandboxResource.Lead, s.Lead);
        o["contact_id"] = org.IdOrNull(SandboxResource.Contact, s.Contact);
        Names.SetUser(o, "user_id", "user_name", org, s.CreatedBy);
        Names.SetUser(o, "created_by", "created_by_name", org, s.CreatedBy);
        Names.SetUser(o, "updated_by", "updated_by_name", org, s.UpdatedBy);
        o["date_created"] = ObjectRenderer.Time(s.Created);
        o["date_updated"] = ObjectRenderer.Time(s.Updated);
        o["activity_at"] = ObjectRenderer.Time(s.Created);
        o["source"] = "Close";

        switch (s.Type)
        {
            case Catalog.Call: Call(org, o, ref stable, ref mix, id); break;
            case Catalog.Email: Email(org, o, s, ref stable, ref mix, id); break;
            case Catalog.EmailThread:
                o["subject"] = Subject(ref stable);
                o["body_preview"] = Vocabulary.Sentence(ref mix, 8);
                o["n_emails"] = 1 + stable.Next(6);
                break;
            case Catalog.Note:
                o["note"] = Vocabulary.Sentence(ref mix, 12);
                o["note_html"] = $"<p>{o["note"]!.GetValue<string>()}</p>";
                break;
            case Catalog.Sms:
                o["direction"] = stable.Chance(0.5) ? "outbound" : "inbound";
                o["status"] = o["direction"]!.GetValue<string>() == "outbound" ? "sent" : "inbox";
                o["local_phone"] = Vocabulary.Phone(ref stable);
                o["remote_phone"] = Vocabulary.Phone(ref stable);
                o["text"] = Vocabulary.Sentence(ref mix, 7);
                o["date_sent"] = ObjectRenderer.Time(s.Created);
                break;
            case Catalog.Meeting:
                var starts = s.Created + stable.Next(1, 14) * TimeSpan.TicksPerDay;
                var minutes = 15 * stable.Next(1, 5);
                o["title"] = Vocabulary.Sentence(ref stable, 3).TrimEnd('.');
                o["note"] = Vocabulary.Sentence(ref mix, 6);
                o["starts_at"] = ObjectRenderer.Time(starts);
                o["ends_at"] = ObjectRenderer.Time(starts + minutes * TimeSpan.TicksPerMinute);
                o["duration"] = minutes * 60;
                o["status"] = mix.Chance(0.8) ? "completed" : "canceled";
                break;
            case Catalog.LeadStatusChange:
                var from = stable.Next(Catalog.LeadStatuses.Length);
                var to = (from + 1 + stable.Next(Catalog.LeadStatuses.Length - 1)) % Catalog.LeadStatuses.Length;
                SetStatuses(o, Names.LeadStatusId(org, from), Catalog.LeadStatuses[from], Names.LeadStatusId(org, to), Catalog.LeadStatuses[to]);
                break;
            case Catalog.OpportunityStatusChange:
                OpportunityChange(org, o, s, ref stable);
                break;
            case Catalog.TaskCompleted:
                var taskCount = org.Options.Tasks;
                o["task_id"] = taskCount > 0 ? org.IdOf(SandboxResource.Task, stable.Next(taskCount)) : null;
                o["task_text"] = Vocabulary.Sentence(ref stable, 5);
                Names.SetUser(o, "task_assigned_to", "task_assigned_to_name", org, s.CreatedBy);
                break;
            case Catalog.Created:
                o["users"] = new JsonArray(DirectoryRenderer.RenderUser(org, new ObjectState
                {
                    Number = s.CreatedBy, Created = s.Created, Updated = s.Created, Lead = -1,
                }));
                o["source"] = stable.Chance(0.3) ? "Import" : "Close";
                break;
            case Catalog.LeadMerge:
                o["source_lead_id"] = CloseId.Make("lead_", org.Seed, 800_000_000 + s.Number);
                o["source_lead_name"] = Vocabulary.Sentence(ref stable, 2).TrimEnd('.');
                o["destination_lead_id"] = org.IdOf(SandboxResource.Lead, s.Lead);
                break;
            case Catalog.WhatsAppMessage:
                o["direction"] = stable.Chance(0.5) ? "outbound" : "inbound";
                o["local_phone"] = Vocabulary.Phone(ref stable);
                o["remote_phone"] = Vocabulary.Phone(ref stable);
                o["message_markdown"] = Vocabulary.Sentence(ref mix, 9);
                o["external_whatsapp_message_id"] = CloseId.Make("wamid_", org.Seed, s.Number);
                break;
            case Catalog.FormSubmission:
                o["form_id"] = CloseId.Make("form_", org.Seed, stable.Next(5));
                o["form_name"] = "Contact us";
                o["submission"] = new JsonObject { ["email"] = $"visitor{s.Number}@example.net", ["message"] = Vocabulary.Sentence(ref mix, 6) };
                break;
            case Catalog.CustomActivity:
                o["custom_activity_type_id"] = CloseId.Make("actitype_", org.Seed, stable.Next(3));
                o["status"] = mix.Chance(0.9) ? "published" : "draft";
                o["note"] = Vocabulary.Sentence(ref mix, 7);
                break;
        }
        // Activity custom fields belong to calls, notes and meetings here (the kinds teams usually extend).
        if (s.Type is Catalog.Call or Catalog.Note or Catalog.Meeting)
            CustomValues.Write(o, org, kind: 3, salt: 3, s);
        return o;
    }

    private static string Subject(ref Mix mix) => Vocabulary.Sentence(ref mix, 4).TrimEnd('.');

    private static void Call(SandboxOrganization org, JsonObject o, ref Mix stable, ref Mix mix, string id)
    {
        var outbound = stable.Chance(0.6);
        var answered = stable.Chance(0.7);
        o["direction"] = outbound ? "outbound" : "inbound";
        o["status"] = answered ? "completed" : "no-answer";
        o["duration"] = answered ? stable.Next(20, 1800) : 0;
        var remote = Vocabulary.Phone(ref stable);
        o["phone"] = remote;
        o["remote_phone"] = remote;
        o["local_phone"] = Vocabulary.Phone(ref stable);
        o["dialer_id"] = outbound ? CloseId.Make("dial_", org.Seed, stable.Next(1000)) : null;
        o["recording_url"] = answered && stable.Chance(0.5) ? $"https://app.close.com/call/recording/{id}.mp3" : null;
        var voicemail = !answered && stable.Chance(0.5);
        o["voicemail_duration"] = voicemail ? stable.Next(5, 120) : null;
        o["voicemail_url"] = voicemail ? $"https://app.close.com/call/voicemail/{id}.mp3" : null;
        o["note"] = mix.Chance(0.6) ? Vocabulary.Sentence(ref mix, 8) : null;
    }

    private static void Email(SandboxOrganization org, JsonObject o, in ObjectState s, ref Mix stable, ref Mix mix, string id)
    {
        var outgoing = stable.Chance(0.55);
        var user = Names.UserEmail(org, s.CreatedBy);
        var contact = s.Contact >= 0 ? Names.ContactEmail(org, s.Contact, s.Lead) : $"info@{Names.LeadDomain(org, s.Lead)}";
        var (fromAddress, toAddress) = outgoing ? (user, contact) : (contact, user);
        var subject = Subject(ref stable);
        var body = Vocabulary.Sentence(ref mix, 20);
        var sent = s.Created;
        var messageId = $"<{id}@mail.{Names.Domain(org)}>";
        o["direction"] = outgoing ? "outgoing" : "incoming";
        o["status"] = outgoing ? "sent" : "inbox";
        o["subject"] = subject;
        o["sender"] = fromAddress;
        o["to"] = new JsonArray(toAddress);
        o["cc"] = new JsonArray();
        o["bcc"] = new JsonArray();
        o["body_text"] = body;
        o["body_html"] = $"<div>{body}</div>";
        o["body_preview"] = body.Length > 60 ? body[..60] : body;
        o["body_text_quoted"] = new JsonArray(new JsonObject { ["text"] = body, ["expand"] = false });
        o["body_html_quoted"] = new JsonArray(new JsonObject { ["html"] = $"<div>{body}</div>", ["expand"] = false });
        o["attachments"] = stable.Chance(0.2)
            ? new JsonArray(new JsonObject
            {
                ["content_id"] = null, ["content_type"] = "application/pdf", ["filename"] = "proposal.pdf",
                ["size"] = stable.Next(10_000, 900_000), ["url"] = $"https://app.close.com/attachment/{id}/proposal.pdf",
            })
            : new JsonArray();
        o["email_account_id"] = CloseId.Make("emailacct_", org.Seed, s.CreatedBy);
        o["message_ids"] = new JsonArray(messageId);
        o["references"] = new JsonArray();
        o["thread_id"] = CloseId.Make("acti_", org.Seed, 900_000_000 + s.Number);
        o["in_reply_to_id"] = null;
        o["opens"] = outgoing && mix.Chance(0.5)
            ? new JsonArray(new JsonObject
            {
                ["ip_address"] = $"203.0.113.{stable.Next(1, 254)}", ["opened_at"] = SandboxTime.Format(s.Updated),
                ["opened_by"] = toAddress, ["user_agent"] = "Mozilla/5.0",
            })
            : new JsonArray();
        o["opens_summary"] = o["opens"]!.AsArray().Count > 0 ? "Opened once" : null;
        o["send_attempts"] = new JsonArray();
        var templated = outgoing && stable.Chance(0.3);
        o["template_id"] = templated ? CloseId.Make("tmpl_", org.Seed, stable.Next(20)) : null;
        o["template_name"] = templated ? "Follow-up" : null;
        o["date_sent"] = SandboxTime.Format(sent);
        o["need_smtp_credentials"] = false;
        o["envelope"] = new JsonObject
        {
            ["from"] = new JsonArray(new JsonObject { ["email"] = fromAddress, ["name"] = null }),
            ["sender"] = new JsonArray(new JsonObject { ["email"] = fromAddress, ["name"] = null }),
            ["to"] = new JsonArray(new JsonObject { ["email"] = toAddress, ["name"] = null }),
            ["cc"] = new JsonArray(),
            ["bcc"] = new JsonArray(),
            ["reply_to"] = new JsonArray(),
            ["date"] = SandboxTime.Format(sent),
            ["subject"] = subject,
            ["message_id"] = messageId,
            ["in_reply_to"] = null,
            ["is_autoreply"] = false,
        };
    }

    private static void SetStatuses(JsonObject o, string oldId, (string Label, string Type) old, string newId, (string Label, string Type) @new)
    {
        o["old_status_id"] = oldId;
        o["old_status_label"] = old.Label;
        o["old_status_type"] = old.Type;
        o["new_status_id"] = newId;
        o["new_status_label"] = @new.Label;
        o["new_status_type"] = @new.Type;
    }

    private static void OpportunityChange(SandboxOrganization org, JsonObject o, in ObjectState s, ref Mix stable)
    {
        var from = stable.Next(2);
        var to = 2 + stable.Next(2);
        SetStatuses(o, Names.OpportunityStatusId(org, from), Catalog.OpportunityStatuses[from], Names.OpportunityStatusId(org, to), Catalog.OpportunityStatuses[to]);
        var value = stable.Next(5, 500) * 100;
        o["opportunity_id"] = org.IdOrNull(SandboxResource.Opportunity, s.Ref);
        o["opportunity_confidence"] = to == 2 ? 100 : 0;
        o["opportunity_date_won"] = to == 2 ? SandboxTime.FormatDate(s.Created) : null;
        o["opportunity_value"] = value;
        o["opportunity_value_currency"] = "USD";
        o["opportunity_value_formatted"] = LeadRenderer.FormatMoney(value, "one_time");
        o["opportunity_value_period"] = "one_time";
    }
}
