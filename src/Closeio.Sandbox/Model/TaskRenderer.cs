using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>Renders tasks of all eight types; fields that do not apply to a type are present and null.</summary>
internal static class TaskRenderer
{
    private static readonly string[] Fields =
    [
        "id", "_type", "organization_id", "lead_id", "lead_name", "contact_id", "contact_name", "assigned_to", "assigned_to_name",
        "text", "date", "due_date", "is_complete", "is_dateless", "view", "object_id", "object_type",
        "subject", "body_preview", "emails", "email_id", "local_phone", "phone", "phone_formatted", "phone_number_description",
        "recording_url", "remote_phone", "remote_phone_description", "remote_phone_formatted", "voicemail_duration", "voicemail_url",
        "opportunity_note", "opportunity_value", "opportunity_value_currency", "opportunity_value_formatted", "opportunity_value_period",
        "created_by", "created_by_name", "updated_by", "updated_by_name", "date_created", "date_updated",
    ];

    public static JsonObject Render(SandboxOrganization org, in ObjectState s)
    {
        var o = new JsonObject();
        foreach (var f in Fields) o[f] = null;
        var mix = Mix.Of(org.Seed, 31, s.Number, s.Version);
        var stable = Mix.Of(org.Seed, 32, s.Number);
        var type = s.Type;
        var id = org.IdOf(SandboxResource.Task, s.Number);
        o["id"] = id;
        o["_type"] = Catalog.TaskTypes[type];
        o["organization_id"] = org.OrganizationId;
        o["lead_id"] = org.IdOf(SandboxResource.Lead, s.Lead);
        o["lead_name"] = Names.Lead(org, s.Lead);
        o["contact_id"] = org.IdOrNull(SandboxResource.Contact, s.Contact);
        o["contact_name"] = s.Contact < 0 ? null : Names.Contact(org, s.Contact);
        Names.SetUser(o, "assigned_to", "assigned_to_name", org, mix.Next(Math.Max(1, org.UserCount)));

        // Complete more often after an update; dated a few days after creation unless dateless.
        var complete = mix.Chance(s.Version == 0 ? 0.15 : 0.6);
        var dateless = type == Catalog.TaskLead && stable.Chance(0.1);
        var due = s.Created + stable.Next(-2, 21) * TimeSpan.TicksPerDay;
        o["is_complete"] = complete;
        o["is_dateless"] = dateless;
        o["date"] = dateless ? null : SandboxTime.FormatDate(due);
        o["due_date"] = dateless ? null : SandboxTime.FormatDate(due);
        o["view"] = complete ? "archive" : due > s.Updated ? "future" : "inbox";

        var objectType = Catalog.TaskObjectTypes[type];
        o["object_type"] = objectType;
        o["object_id"] = s.Ref < 0 ? null
            : type == Catalog.TaskOpportunityDue ? org.IdOf(SandboxResource.Opportunity, s.Ref) : org.IdOf(SandboxResource.Activity, s.Ref);

        var phone = Vocabulary.Phone(ref stable);
        var local = Vocabulary.Phone(ref stable);
        switch (type)
        {
            case Catalog.TaskLead:
                o["text"] = Vocabulary.Sentence(ref mix, 5);
                break;
            case Catalog.TaskIncomingEmail:
                o["subject"] = "Re: " + Vocabulary.Sentence(ref stable, 3).TrimEnd('.');
                o["body_preview"] = Vocabulary.Sentence(ref stable, 10);
                o["emails"] = s.Ref < 0 ? new JsonArray() : new JsonArray(org.IdOf(SandboxResource.Activity, s.Ref));
                break;
            case Catalog.TaskEmailFollowup:
                o["subject"] = Vocabulary.Sentence(ref stable, 3).TrimEnd('.');
                o["email_id"] = org.IdOrNull(SandboxResource.Activity, s.Ref);
                break;
            case Catalog.TaskMissedCall:
                o["local_phone"] = local;
                o["phone"] = phone;
                o["phone_formatted"] = Vocabulary.FormatPhone(phone);
                o["phone_number_description"] = "Mobile";
                break;
            case Catalog.TaskAnsweredDetachedCall:
                o["phone_number_description"] = "Office";
                o["recording_url"] = $"https://app.close.com/call/recording/{id}.mp3";
                break;
            case Catalog.TaskVoicemail:
                o["phone"] = phone;
                o["phone_formatted"] = Vocabulary.FormatPhone(phone);
                o["voicemail_duration"] = stable.Next(5, 120);
                o["voicemail_url"] = $"https://app.close.com/call/voicemail/{id}.mp3";
                break;
            case Catalog.TaskOpportunityDue:
                if (s.Ref >= 0 && org.OpportunityState(s.Ref) is { } opportunity)
                {
                    var p = LeadRenderer.RenderOpportunity(org, opportunity);
                    o["opportunity_note"] = p["note"]?.DeepClone();
                    o["opportunity_value"] = p["value"]?.DeepClone();
                    o["opportunity_value_currency"] = p["value_currency"]?.DeepClone();
                    o["opportunity_value_formatted"] = p["value_formatted"]?.DeepClone();
                    o["opportunity_value_period"] = p["value_period"]?.DeepClone();
                }
                break;
            case Catalog.TaskOutgoingCall:
                o["text"] = "Call " + (s.Contact < 0 ? Names.Lead(org, s.Lead) : Names.Contact(org, s.Contact));
                o["phone"] = phone;
                o["phone_formatted"] = Vocabulary.FormatPhone(phone);
                break;
            case Catalog.TaskIncomingSms:
                o["text"] = Vocabulary.Sentence(ref stable, 6);
                o["local_phone"] = local;
                o["remote_phone"] = phone;
                o["remote_phone_formatted"] = Vocabulary.FormatPhone(phone);
                o["remote_phone_description"] = "Mobile";
                break;
        }

        Names.SetUser(o, "created_by", "created_by_name", org, s.CreatedBy);
        Names.SetUser(o, "updated_by", "updated_by_name", org, s.UpdatedBy);
        o["date_created"] = ObjectRenderer.Time(s.Created);
        o["date_updated"] = ObjectRenderer.Time(s.Updated);
        return o;
    }
}
