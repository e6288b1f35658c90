using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>Renders the objects beyond the seed streams, and the organization with its memberships.</summary>
internal static class DirectoryObjectRenderer
{
    public static readonly string[] OpportunityStatusTypes = ["active", "won", "lost"];
    public static readonly string[] RoleNames = ["Admin", "Super User", "User", "Restricted User", "Sales Manager"];
    private static readonly string[] PipelineNames = ["Sales", "Renewals"];
    private static readonly string[] ExtraOpportunityStatuses = ["Renewal Due", "Renewed"];
    private static readonly string[] CustomActivityNames = ["Discovery Summary", "Site Visit", "Quote Request"];
    private static readonly (string One, string Many)[] CustomObjectNames = [("Contract", "Contracts"), ("Subscription Plan", "Subscription Plans")];
    private static readonly string[] SubscriptionStatuses = ["active", "paused", "finished"];
    private static readonly string[][] RolePermissions =
    [
        ["manage_organization", "manage_users", "export_data", "delete_leads", "view_all_leads"],
        ["manage_users", "export_data", "delete_leads", "view_all_leads"],
        ["view_all_leads", "delete_leads"],
        ["view_assigned_leads"],
        ["view_all_leads", "export_data"],
    ];

    public static JsonObject Render(SandboxOrganization org, SandboxResource resource, in ObjectState s) => resource switch
    {
        SandboxResource.LeadStatus => new JsonObject
        {
            ["id"] = org.IdOf(resource, s.Number),
            ["label"] = LeadStatusLabel(s),
            ["organization_id"] = org.OrganizationId,
        },
        SandboxResource.OpportunityStatus => OpportunityStatus(org, s),
        SandboxResource.Pipeline => Pipeline(org, s),
        SandboxResource.EmailTemplate => EmailTemplate(org, s),
        SandboxResource.SmsTemplate => SmsTemplate(org, s),
        SandboxResource.Sequence => Sequence(org, s),
        SandboxResource.SequenceSubscription => Subscription(org, s),
        SandboxResource.CustomActivityType => CustomActivityType(org, s),
        SandboxResource.CustomObjectType => CustomObjectType(org, s),
        SandboxResource.CustomObject => CustomObject(org, s),
        SandboxResource.SavedSearch => SavedSearch(org, s),
        SandboxResource.Role => Stamp(new JsonObject
        {
            ["id"] = org.IdOf(resource, s.Number),
            ["name"] = RoleNames[s.Number % RoleNames.Length],
            ["permissions"] = Strings(RolePermissions[s.Number % RolePermissions.Length]),
        }, org, s, users: false),
        SandboxResource.Group => Stamp(new JsonObject
        {
            ["id"] = org.IdOf(resource, s.Number),
            ["name"] = (s.Number == 0 ? "Sales Team" : $"Team {(char)('A' + (s.Number - 1) % 26)}") + (s.Version > 0 ? $" ({s.Version + 1})" : ""),
            ["members"] = Members(org, s),
        }, org, s, users: false),
        SandboxResource.PhoneNumber => PhoneNumber(org, s),
        SandboxResource.CommentThread => CommentThread(org, s),
        SandboxResource.Comment => Comment(org, s),
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    };

    public static string LeadStatusLabel(in ObjectState s) =>
        s.Number < Catalog.LeadStatuses.Length ? Catalog.LeadStatuses[s.Number].Label : $"Stage {s.Number}" + Revision(s);

    /// <summary>The organization as <c>/organization/{id}/</c> returns it: statuses and one membership per user.</summary>
    public static JsonObject RenderOrganization(SandboxOrganization org)
    {
        var o = DirectoryRenderer.RenderOrganization(org);
        var memberships = new JsonArray();
        var users = org.Users().ToList();
        foreach (var user in users)
        {
            var n = org.NumberOf(SandboxResource.User, user.Id);
            memberships.Add(new JsonObject
            {
                ["id"] = CloseId.Make("memb_", org.Seed, n),
                ["user_id"] = user.Id,
                ["user_full_name"] = Names.User(org, n),
                ["user_email"] = Names.UserEmail(org, n),
                ["role_id"] = org.IdOf(SandboxResource.Role, RoleOf(org, n)),
                ["organization_id"] = org.OrganizationId,
                ["date_created"] = ObjectRenderer.Time(user.DateCreated.UtcTicks),
                ["date_updated"] = ObjectRenderer.Time(user.DateCreated.UtcTicks),
            });
        }
        var created = users.Count == 0 ? 0 : users.Min(u => u.DateCreated.UtcTicks);
        o["date_created"] = ObjectRenderer.Time(created);
        o["date_updated"] = ObjectRenderer.Time(created);
        o["memberships"] = memberships;
        o["inactive_memberships"] = new JsonArray();
        return o;
    }

    /// <summary>The first user is the admin; the others draw a built-in role.</summary>
    public static int RoleOf(SandboxOrganization org, int user) => user == 0 ? 0 : 1 + Mix.Of(org.Seed, 92, user).Next(3);

    private static JsonObject OpportunityStatus(SandboxOrganization org, in ObjectState s)
    {
        var label = s.Number < Catalog.OpportunityStatuses.Length ? Catalog.OpportunityStatuses[s.Number].Label
            : s.Number < Catalog.OpportunityStatuses.Length + ExtraOpportunityStatuses.Length ? ExtraOpportunityStatuses[s.Number - Catalog.OpportunityStatuses.Length]
            : $"Opportunity stage {s.Number}" + Revision(s);
        return new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.OpportunityStatus, s.Number),
            ["label"] = label,
            ["type"] = OpportunityStatusTypes[s.Type],
            ["pipeline_id"] = org.IdOf(SandboxResource.Pipeline, s.Ref),
            ["organization_id"] = org.OrganizationId,
        };
    }

    private static JsonObject Pipeline(SandboxOrganization org, in ObjectState s)
    {
        var number = s.Number;
        var statuses = new JsonArray();
        foreach (var status in org.LiveStates(SandboxResource.OpportunityStatus, st => st.Ref == number))
            statuses.Add(OpportunityStatus(org, status));
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.Pipeline, s.Number),
            ["name"] = (s.Number < PipelineNames.Length ? PipelineNames[s.Number] : $"Pipeline {s.Number}") + Revision(s),
            ["statuses"] = statuses,
        }, org, s);
    }

    private static JsonObject EmailTemplate(SandboxOrganization org, in ObjectState s)
    {
        var mix = Mix.Of(org.Seed, 93, s.Number, s.Version);
        var topic = Mix.Of(org.Seed, 94, s.Number).Pick(Vocabulary.Words);
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.EmailTemplate, s.Number),
            ["name"] = $"{char.ToUpperInvariant(topic[0])}{topic[1..]} email {s.Number}" + Revision(s),
            ["subject"] = $"About your {topic}, {{{{ contact.first_name }}}}",
            ["body"] = "<p>Hi {{ contact.first_name }},</p><p>" + Vocabulary.Sentence(ref mix, 12) + "</p>",
            ["is_shared"] = mix.Chance(0.7),
            ["is_archived"] = false,
            ["attachments"] = new JsonArray(),
        }, org, s);
    }

    private static JsonObject SmsTemplate(SandboxOrganization org, in ObjectState s)
    {
        var mix = Mix.Of(org.Seed, 95, s.Number, s.Version);
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.SmsTemplate, s.Number),
            ["name"] = $"SMS {s.Number}" + Revision(s),
            ["text"] = "Hi {{ contact.first_name }}, " + Vocabulary.Sentence(ref mix, 8),
            ["is_shared"] = mix.Chance(0.7),
            ["is_archived"] = false,
            ["attachments"] = new JsonArray(),
        }, org, s);
    }

    private static JsonObject Sequence(SandboxOrganization org, in ObjectState s)
    {
        var mix = Mix.Of(org.Seed, 96, s.Number, s.Version);
        var steps = new JsonArray();
        var count = 2 + mix.Next(3);
        for (var k = 0; k < count; k++)
        {
            var email = k % 2 == 0 || s.Ref < 0;
            steps.Add(new JsonObject
            {
                ["id"] = CloseId.Make("seqstep_", org.Seed, s.Number * 16 + k),
                ["step_type"] = email && s.Ref >= 0 ? "email" : "call",
                ["delay"] = k == 0 ? 0 : 86400 * (1 + mix.Next(4)),
                ["email_template_id"] = email && s.Ref >= 0 ? org.IdOf(SandboxResource.EmailTemplate, s.Ref) : null,
                ["threading"] = k == 0 ? "new_thread" : "old_thread",
            });
        }
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.Sequence, s.Number),
            ["name"] = $"Outreach {s.Number}" + Revision(s),
            ["status"] = mix.Chance(0.8) ? "active" : "paused",
            ["timezone"] = "America/New_York",
            ["schedule_id"] = null,
            ["steps"] = steps,
        }, org, s);
    }

    private static JsonObject Subscription(SandboxOrganization org, in ObjectState s)
    {
        var sender = Mix.Of(org.Seed, 97, s.Number).Next(Math.Max(1, org.UserCount));
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.SequenceSubscription, s.Number),
            ["sequence_id"] = org.IdOf(SandboxResource.Sequence, s.Ref),
            ["contact_id"] = org.IdOrNull(SandboxResource.Contact, s.Contact),
            ["lead_id"] = org.IdOf(SandboxResource.Lead, s.Lead),
            ["sender_account_id"] = CloseId.Make("emailacct_", org.Seed, sender),
            ["sender_name"] = Names.User(org, sender),
            ["sender_email"] = Names.UserEmail(org, sender),
            ["status"] = SubscriptionStatuses[s.Type % SubscriptionStatuses.Length],
        }, org, s);
    }

    private static JsonObject CustomActivityType(SandboxOrganization org, in ObjectState s)
    {
        var fields = new JsonArray();
        foreach (var cf in org.CustomFieldSnapshot)
            if (!cf.Deleted && cf.Ref == 3 && cf.Number % 3 == s.Number % 3)
                fields.Add(new JsonObject { ["id"] = org.IdOf(SandboxResource.CustomField, cf.Number), ["required"] = false });
        var mix = Mix.Of(org.Seed, 98, s.Number, s.Version);
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.CustomActivityType, s.Number),
            ["name"] = (s.Number < CustomActivityNames.Length ? CustomActivityNames[s.Number] : $"Activity type {s.Number}") + Revision(s),
            ["description"] = Vocabulary.Sentence(ref mix, 6),
            ["api_create_only"] = false,
            ["editable_with_roles"] = new JsonArray(),
            ["fields"] = fields,
        }, org, s);
    }

    private static JsonObject CustomObjectType(SandboxOrganization org, in ObjectState s)
    {
        var fields = new JsonArray();
        foreach (var cf in org.CustomFieldSnapshot)
            if (!cf.Deleted && cf.Ref == Catalog.CustomObjectTypeKind)
                fields.Add(new JsonObject { ["id"] = org.IdOf(SandboxResource.CustomField, cf.Number), ["required"] = false });
        var (one, many) = s.Number < CustomObjectNames.Length ? CustomObjectNames[s.Number] : ($"Object {s.Number}", $"Objects {s.Number}");
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.CustomObjectType, s.Number),
            ["name"] = one,
            ["name_plural"] = many,
            ["description"] = $"{many} of a lead.",
            ["api_create_only"] = false,
            ["editable_with_roles"] = new JsonArray(),
            ["fields"] = fields,
            ["back_reference_fields"] = new JsonArray(),
        }, org, s);
    }

    private static JsonObject CustomObject(SandboxOrganization org, in ObjectState s)
    {
        var o = Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.CustomObject, s.Number),
            ["custom_object_type_id"] = org.IdOf(SandboxResource.CustomObjectType, s.Ref),
            ["lead_id"] = org.IdOf(SandboxResource.Lead, s.Lead),
            ["name"] = $"{CustomObjectNames[s.Ref % CustomObjectNames.Length].One} {s.Number}",
        }, org, s);
        CustomValues.Write(o, org, kind: Catalog.CustomObjectTypeKind, salt: 5, s);
        return o;
    }

    private static JsonObject SavedSearch(SandboxOrganization org, in ObjectState s)
    {
        var type = s.Type == 1 ? "contact" : "lead";
        var mix = Mix.Of(org.Seed, 99, s.Number, s.Version);
        var word = mix.Pick(Vocabulary.Words);
        var query = new JsonObject
        {
            ["type"] = "and",
            ["queries"] = new JsonArray(
                new JsonObject { ["type"] = "object_type", ["object_type"] = type },
                new JsonObject
                {
                    ["type"] = "field_condition",
                    ["field"] = new JsonObject { ["type"] = "regular_field", ["object_type"] = type, ["field_name"] = type == "lead" ? "description" : "title" },
                    ["condition"] = new JsonObject { ["type"] = "text", ["mode"] = "phrase", ["value"] = word },
                }),
        };
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.SavedSearch, s.Number),
            ["name"] = $"{(type == "lead" ? "Leads" : "Contacts")} about {word}" + Revision(s),
            ["type"] = type,
            ["query"] = query,
            ["is_shared"] = mix.Chance(0.5),
            ["user_id"] = org.IdOf(SandboxResource.User, s.CreatedBy),
        }, org, s);
    }

    private static JsonObject PhoneNumber(SandboxOrganization org, in ObjectState s)
    {
        var stable = Mix.Of(org.Seed, 100, s.Number);
        var phone = Vocabulary.Phone(ref stable);
        var group = s.Type == 1;
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.PhoneNumber, s.Number),
            ["number"] = phone,
            ["number_formatted"] = Vocabulary.FormatPhone(phone),
            ["label"] = group ? $"Main line {s.Number}" : $"{Names.User(org, s.Ref)} direct",
            ["type"] = "virtual",
            ["is_group_number"] = group,
            ["user_id"] = group ? null : org.IdOf(SandboxResource.User, s.Ref),
            ["country"] = "US",
            ["sms_enabled"] = !group,
        }, org, s);
    }

    private static JsonObject CommentThread(SandboxOrganization org, in ObjectState s)
    {
        var number = s.Number;
        var comments = new JsonArray();
        foreach (var c in org.LiveStates(SandboxResource.Comment, c => c.Ref == number)) comments.Add(Comment(org, c));
        return new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.CommentThread, s.Number),
            ["object_id"] = org.IdOf(SandboxResource.Activity, s.Ref),
            ["lead_id"] = org.IdOf(SandboxResource.Lead, s.Lead),
            ["organization_id"] = org.OrganizationId,
            ["comments"] = comments,
            ["date_created"] = ObjectRenderer.Time(s.Created),
            ["date_updated"] = ObjectRenderer.Time(s.Updated),
        };
    }

    private static JsonObject Comment(SandboxOrganization org, in ObjectState s)
    {
        var thread = org.StateOf(SandboxResource.CommentThread, s.Ref);
        var mix = Mix.Of(org.Seed, 101, s.Number, s.Version);
        return Stamp(new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.Comment, s.Number),
            ["thread_id"] = org.IdOf(SandboxResource.CommentThread, s.Ref),
            ["object_id"] = org.IdOf(SandboxResource.Activity, thread.Ref),
            ["lead_id"] = org.IdOf(SandboxResource.Lead, s.Lead),
            ["body"] = Vocabulary.Sentence(ref mix, 7),
            ["user_id"] = org.IdOf(SandboxResource.User, s.CreatedBy),
        }, org, s);
    }

    private static JsonArray Members(SandboxOrganization org, in ObjectState s)
    {
        var mix = Mix.Of(org.Seed, 102, s.Number, s.Version);
        var members = new JsonArray();
        var users = Math.Max(1, org.UserCount);
        var first = mix.Next(users);
        for (var u = 0; u < users; u++)
            if (u == first || mix.Chance(0.4)) members.Add(new JsonObject { ["user_id"] = org.IdOf(SandboxResource.User, u) });
        return members;
    }

    /// <summary>organization_id, created_by, updated_by and the two dates, in Close's order (last).</summary>
    private static JsonObject Stamp(JsonObject o, SandboxOrganization org, in ObjectState s, bool users = true)
    {
        o["organization_id"] = org.OrganizationId;
        if (users)
        {
            o["created_by"] = org.IdOf(SandboxResource.User, s.CreatedBy);
            o["updated_by"] = org.IdOf(SandboxResource.User, s.UpdatedBy);
        }
        o["date_created"] = ObjectRenderer.Time(s.Created);
        o["date_updated"] = ObjectRenderer.Time(s.Updated);
        return o;
    }

    private static string Revision(in ObjectState s) => s.Version > 0 ? $" (rev {s.Version})" : "";

    private static JsonArray Strings(string[] values)
    {
        var a = new JsonArray();
        foreach (var v in values) a.Add(v);
        return a;
    }
}
