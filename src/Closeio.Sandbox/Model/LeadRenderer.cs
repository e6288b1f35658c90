using System.Globalization;
using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>Renders leads (with their contacts, opportunities, tasks and addresses), contacts and opportunities.</summary>
internal static class LeadRenderer
{
    public static JsonObject RenderLead(SandboxOrganization org, in ObjectState s, bool embedChildren)
    {
        var id = org.IdOf(SandboxResource.Lead, s.Number);
        var name = Names.Lead(org, s.Number);
        var mix = Mix.Of(org.Seed, 21, s.Number, s.Version);
        var status = Names.LeadStatus(org, s.Number, s.Version);
        var o = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["display_name"] = name,
            ["description"] = Vocabulary.Sentence(ref mix, 6),
            ["url"] = "https://www." + Names.LeadDomain(org, s.Number),
            ["html_url"] = $"https://app.close.com/lead/{id}/",
            ["status_id"] = Names.LeadStatusId(org, status),
            ["status_label"] = Catalog.LeadStatuses[status].Label,
            ["organization_id"] = org.OrganizationId,
        };
        Names.SetUser(o, "created_by", "created_by_name", org, s.CreatedBy);
        Names.SetUser(o, "updated_by", "updated_by_name", org, s.UpdatedBy);
        o["date_created"] = ObjectRenderer.Time(s.Created);
        o["date_updated"] = ObjectRenderer.Time(s.Updated);
        o["addresses"] = Addresses(org, s.Number);
        if (embedChildren)
        {
            // Event payloads leave the nested lists out: they describe the lead itself at that moment.
            var (contacts, opportunities, tasks) = org.ChildrenOf(s.Number);
            o["contacts"] = RenderAll(contacts, c => RenderContact(org, c));
            o["opportunities"] = RenderAll(opportunities, p => RenderOpportunity(org, p));
            o["tasks"] = RenderAll(tasks, t => TaskRenderer.Render(org, t));
        }
        o["integration_links"] = new JsonArray();
        o["custom_fields"] = null;
        CustomValues.Write(o, org, kind: 0, salt: 0, s);
        return o;
    }

    public static JsonObject RenderContact(SandboxOrganization org, in ObjectState s)
    {
        var name = Names.Contact(org, s.Number);
        var stable = Mix.Of(org.Seed, 23, s.Number);
        var mix = Mix.Of(org.Seed, 24, s.Number, s.Version);
        var phone = Vocabulary.Phone(ref stable);
        var phones = new JsonArray(new JsonObject { ["phone"] = phone, ["phone_formatted"] = Vocabulary.FormatPhone(phone), ["type"] = "office" });
        if (mix.Chance(0.4))
        {
            var mobile = Vocabulary.Phone(ref mix);
            phones.Add(new JsonObject { ["phone"] = mobile, ["phone_formatted"] = Vocabulary.FormatPhone(mobile), ["type"] = "mobile" });
        }
        var o = new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.Contact, s.Number),
            ["lead_id"] = org.IdOf(SandboxResource.Lead, s.Lead),
            ["organization_id"] = org.OrganizationId,
            ["name"] = name,
            ["display_name"] = name,
            ["title"] = mix.Pick(Vocabulary.Titles),
            ["emails"] = new JsonArray(new JsonObject { ["email"] = Names.ContactEmail(org, s.Number, s.Lead), ["type"] = "office" }),
            ["phones"] = phones,
            ["urls"] = stable.Chance(0.5)
                ? new JsonArray(new JsonObject { ["url"] = "https://www.linkedin.com/in/" + name.Replace(' ', '-').ToLowerInvariant() + s.Number, ["type"] = "url" })
                : new JsonArray(),
            ["integration_links"] = new JsonArray(),
            ["created_by"] = org.IdOf(SandboxResource.User, s.CreatedBy),
            ["updated_by"] = org.IdOf(SandboxResource.User, s.UpdatedBy),
            ["date_created"] = ObjectRenderer.Time(s.Created),
            ["date_updated"] = ObjectRenderer.Time(s.Updated),
        };
        CustomValues.Write(o, org, kind: 1, salt: 1, s);
        return o;
    }

    public static JsonObject RenderOpportunity(SandboxOrganization org, in ObjectState s)
    {
        var mix = Mix.Of(org.Seed, 25, s.Number, s.Version);
        var status = Names.OpportunityStatus(org, s.Number, s.Version);
        var (label, type) = Catalog.OpportunityStatuses[status];
        var value = mix.Next(5, 500) * 100;
        var period = mix.Chance(0.7) ? "one_time" : mix.Chance(0.5) ? "monthly" : "annual";
        var owner = (short)Mix.Of(org.Seed, 26, s.Number).Next(Math.Max(1, org.UserCount));
        var o = new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.Opportunity, s.Number),
            ["lead_id"] = org.IdOf(SandboxResource.Lead, s.Lead),
            ["lead_name"] = Names.Lead(org, s.Lead),
            ["organization_id"] = org.OrganizationId,
            ["contact_id"] = org.IdOrNull(SandboxResource.Contact, s.Contact),
            ["contact_name"] = s.Contact < 0 ? null : Names.Contact(org, s.Contact),
        };
        Names.SetUser(o, "user_id", "user_name", org, owner);
        o["status_id"] = Names.OpportunityStatusId(org, status);
        o["status_label"] = label;
        o["status_type"] = type;
        o["confidence"] = type switch { "won" => 100, "lost" => 0, _ => mix.Next(1, 10) * 10 };
        o["value"] = value;
        o["value_currency"] = "USD";
        o["value_formatted"] = FormatMoney(value, period);
        o["value_period"] = period;
        o["note"] = Vocabulary.Sentence(ref mix, 5);
        o["date_won"] = type == "won" ? SandboxTime.FormatDate(s.Updated) : null;
        o["date_lost"] = type == "lost" ? SandboxTime.FormatDate(s.Updated) : null;
        o["integration_links"] = new JsonArray();
        Names.SetUser(o, "created_by", "created_by_name", org, s.CreatedBy);
        Names.SetUser(o, "updated_by", "updated_by_name", org, s.UpdatedBy);
        o["date_created"] = ObjectRenderer.Time(s.Created);
        o["date_updated"] = ObjectRenderer.Time(s.Updated);
        CustomValues.Write(o, org, kind: 2, salt: 2, s);
        return o;
    }

    /// <summary>Close's formatted value: cents in, "$1,200" (or "$1,200 monthly") out.</summary>
    public static string FormatMoney(int cents, string period)
    {
        var text = "$" + (cents / 100).ToString("N0", CultureInfo.InvariantCulture);
        return period == "one_time" ? text : $"{text} {period}";
    }

    private static JsonArray Addresses(SandboxOrganization org, int lead)
    {
        var mix = Mix.Of(org.Seed, 22, lead);
        var a = new JsonArray();
        var count = mix.Chance(0.15) ? 0 : 1 + (mix.Chance(0.2) ? 1 : 0);
        for (var i = 0; i < count; i++)
        {
            var (city, state, country) = mix.Pick(Vocabulary.Places);
            a.Add(new JsonObject
            {
                ["label"] = i == 0 ? "business" : "mailing",
                ["address_1"] = $"{mix.Next(1, 999)} {mix.Pick(Vocabulary.Streets)}",
                ["address_2"] = mix.Chance(0.3) ? $"Suite {mix.Next(100, 900)}" : null,
                ["city"] = city,
                ["state"] = state,
                ["zipcode"] = mix.Next(10000, 99999).ToString(CultureInfo.InvariantCulture),
                ["country"] = country,
            });
        }
        return a;
    }

    private static JsonArray RenderAll(ObjectState[] states, Func<ObjectState, JsonObject> render)
    {
        var a = new JsonArray();
        foreach (var s in states) a.Add(render(s));
        return a;
    }
}
