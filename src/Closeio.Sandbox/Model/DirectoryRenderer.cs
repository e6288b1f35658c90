using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>Renders users, custom field definitions and the organization summary of <c>/me/</c>.</summary>
internal static class DirectoryRenderer
{
    private static readonly string[] FieldNames = ["Notes", "Seats", "Renewal Date", "Last Demo At", "Tier", "Account Owner", "External Key"];

    public static JsonObject RenderUser(SandboxOrganization org, in ObjectState s)
    {
        var (first, last) = Names.UserParts(org, s.Number);
        var mix = Mix.Of(org.Seed, 15, s.Number, s.Version);
        return new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.User, s.Number),
            ["first_name"] = first,
            ["last_name"] = last,
            ["display_name"] = $"{first} {last}",
            ["email"] = Names.UserEmail(org, s.Number),
            ["image"] = $"https://secure.gravatar.com/avatar/{Mix.Of(org.Seed, 16, s.Number).NextULong():x16}{Mix.Of(org.Seed, 17, s.Number).NextULong():x16}",
            ["last_used_timezone"] = mix.Pick(Vocabulary.Timezones),
            ["organizations"] = new JsonArray(org.OrganizationId),
            ["date_created"] = ObjectRenderer.Time(s.Created),
            ["date_updated"] = ObjectRenderer.Time(s.Updated),
        };
    }

    public static JsonObject RenderCustomField(SandboxOrganization org, in ObjectState s)
    {
        var kind = Catalog.CustomFieldKinds[s.Ref];
        var type = Catalog.CustomFieldTypes[s.Type];
        // Generated fields (one per kind and type) get plain names; later ones are numbered to stay unique.
        var generated = s.Number < Catalog.CustomFieldKinds.Length * Catalog.CustomFieldTypes.Length;
        var prefix = kind == "custom_object_type" ? "Custom object" : char.ToUpperInvariant(kind[0]) + kind[1..];
        var name = (kind == "lead" ? "" : prefix + " ") + FieldNames[s.Type] + (generated ? "" : $" {s.Number}");
        var o = new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.CustomField, s.Number),
            ["name"] = name,
            ["description"] = s.Version == 0 ? null : $"Revised {s.Version} time(s).",
            ["type"] = type,
            ["choices"] = s.Type == Catalog.CfChoices ? Choices(s.Version) : null,
            ["accepts_multiple_values"] = org.Options.MultipleValueChoices && s.Type == Catalog.CfChoices,
            ["editable_with_roles"] = new JsonArray(),
            ["organization_id"] = org.OrganizationId,
            ["created_by"] = org.IdOf(SandboxResource.User, s.CreatedBy),
            ["updated_by"] = org.IdOf(SandboxResource.User, s.UpdatedBy),
            ["date_created"] = ObjectRenderer.Time(s.Created),
            ["date_updated"] = ObjectRenderer.Time(s.Updated),
        };
        if (kind == "shared")
            o["associations"] = new JsonArray(new JsonObject { ["object_type"] = "lead" }, new JsonObject { ["object_type"] = "contact" });
        return o;
    }

    /// <summary>A choices field's options: each update adds one, existing ones stay.</summary>
    public static JsonArray Choices(int version)
    {
        var a = new JsonArray();
        for (var i = 0; i < 3 + version; i++) a.Add($"Choice {(char)('A' + i % 26)}{(i >= 26 ? i / 26 : "")}");
        return a;
    }

    public static JsonObject RenderOrganization(SandboxOrganization org)
    {
        // From the status tables, so statuses created or deleted since show here as in /status/lead/ and /status/opportunity/.
        var leadStatuses = new JsonArray();
        foreach (var s in org.LiveStates(SandboxResource.LeadStatus))
            leadStatuses.Add(new JsonObject { ["id"] = org.IdOf(SandboxResource.LeadStatus, s.Number), ["label"] = DirectoryObjectRenderer.LeadStatusLabel(s), ["type"] = "active" });
        var opportunityStatuses = new JsonArray();
        foreach (var s in org.LiveStates(SandboxResource.OpportunityStatus))
        {
            var status = DirectoryObjectRenderer.Render(org, SandboxResource.OpportunityStatus, s);
            opportunityStatuses.Add(new JsonObject { ["id"] = status["id"]!.DeepClone(), ["label"] = status["label"]!.DeepClone(), ["type"] = status["type"]!.DeepClone() });
        }
        return new JsonObject
        {
            ["id"] = org.OrganizationId,
            ["name"] = org.OrganizationName,
            ["currency"] = "USD",
            ["lead_statuses"] = leadStatuses,
            ["opportunity_statuses"] = opportunityStatuses,
        };
    }
}
