namespace Closeio.Sandbox;

// RandomChange: a weighted mix of the changes a busy organization sees (activities and updates
// dominate; deletions and merges are rare), for tests that mutate the organization during a sync.
public sealed partial class SandboxOrganization
{
    private static readonly (int Weight, string Action, SandboxResource Resource)[] ChangeMix =
    [
        (8, "created", SandboxResource.Lead), (14, "updated", SandboxResource.Lead), (2, "deleted", SandboxResource.Lead),
        (1, "merged", SandboxResource.Lead),
        (6, "created", SandboxResource.Contact), (8, "updated", SandboxResource.Contact), (2, "deleted", SandboxResource.Contact),
        (4, "created", SandboxResource.Opportunity), (6, "updated", SandboxResource.Opportunity), (1, "deleted", SandboxResource.Opportunity),
        (5, "created", SandboxResource.Task), (6, "updated", SandboxResource.Task), (2, "deleted", SandboxResource.Task),
        (20, "created", SandboxResource.Activity), (6, "updated", SandboxResource.Activity), (2, "deleted", SandboxResource.Activity),
        (1, "updated", SandboxResource.User), (1, "created", SandboxResource.CustomField), (1, "updated", SandboxResource.CustomField),
        // Settings users edit now and then: templates, sequences, smart views, statuses (only unused ones are edited or deleted).
        (1, "created", SandboxResource.EmailTemplate), (1, "updated", SandboxResource.EmailTemplate), (1, "deleted", SandboxResource.EmailTemplate),
        (1, "created", SandboxResource.SmsTemplate), (1, "updated", SandboxResource.SmsTemplate), (1, "deleted", SandboxResource.SmsTemplate),
        (1, "created", SandboxResource.Sequence), (1, "updated", SandboxResource.Sequence), (1, "deleted", SandboxResource.Sequence),
        (1, "created", SandboxResource.SavedSearch), (1, "updated", SandboxResource.SavedSearch), (1, "deleted", SandboxResource.SavedSearch),
        (1, "created", SandboxResource.LeadStatus), (1, "updated", SandboxResource.LeadStatus), (1, "deleted", SandboxResource.LeadStatus),
        (1, "created", SandboxResource.OpportunityStatus), (1, "updated", SandboxResource.OpportunityStatus), (1, "deleted", SandboxResource.OpportunityStatus),
    ];

    /// <summary>Tries one change; null when the chosen kind has no suitable object (the caller tries again).</summary>
    private SandboxChange? TryRandomChange(Random rng)
    {
        var total = ChangeMix.Sum(c => c.Weight);
        var r = rng.Next(total);
        var pick = ChangeMix[^1];
        foreach (var c in ChangeMix)
        {
            if (r < c.Weight) { pick = c; break; }
            r -= c.Weight;
        }
        var (_, action, resource) = pick;
        if (DirectoryKinds.IsDirectory(resource)) return TryDirectoryChange(action, resource, rng);
        if (action == "created")
        {
            SandboxItem made = resource switch
            {
                SandboxResource.Lead => CreateLead(),
                SandboxResource.CustomField => CreateCustomField(Catalog.CustomFieldKinds[rng.Next(Catalog.CustomFieldKinds.Length)]),
                _ when RandomLive(SandboxResource.Lead, rng) is { } lead => resource switch
                {
                    SandboxResource.Contact => CreateContact(lead),
                    SandboxResource.Opportunity => CreateOpportunity(lead),
                    SandboxResource.Task => CreateTask(lead, Catalog.TaskTypes[rng.Next(Catalog.TaskTypes.Length)]),
                    _ => CreateActivity(lead, Catalog.ActivityTypes[rng.Next(Catalog.ActivityTypes.Length)]),
                },
                _ => CreateLead(),
            };
            return new SandboxChange("created", made.Resource, made.Id);
        }
        if (RandomLive(resource, rng) is not { } id) return null;
        if (action == "merged")
        {
            if (RandomLive(SandboxResource.Lead, rng) is not { } destination || destination == id) return null;
            MergeLeads(id, destination);
            return new SandboxChange("merged", SandboxResource.Lead, destination);
        }
        if (action == "deleted")
        {
            switch (resource)
            {
                case SandboxResource.Lead: DeleteLead(id); break;
                case SandboxResource.Contact: DeleteContact(id); break;
                case SandboxResource.Opportunity: DeleteOpportunity(id); break;
                case SandboxResource.Task: DeleteTask(id); break;
                default: DeleteActivity(id); break;
            }
            return new SandboxChange("deleted", resource, id);
        }
        var updated = resource switch
        {
            SandboxResource.Lead => UpdateLead(id),
            SandboxResource.Contact => UpdateContact(id),
            SandboxResource.Opportunity => UpdateOpportunity(id),
            SandboxResource.Task => UpdateTask(id),
            SandboxResource.Activity => UpdateActivity(id),
            SandboxResource.User => UpdateUser(id),
            _ => UpdateCustomField(id),
        };
        return new SandboxChange("updated", resource, updated.Id);
    }

    private SandboxChange? TryDirectoryChange(string action, SandboxResource resource, Random rng)
    {
        if (action == "created")
        {
            if (resource == SandboxResource.LeadStatus && Table(resource).Count >= OpportunityStatusIdBase) return null;
            return new SandboxChange(action, resource, CreateObject(resource).Id);
        }
        if (RandomEditable(resource, action, rng) is not { } id) return null;
        if (action == "deleted") DeleteObject(resource, id);
        else UpdateObject(resource, id);
        return new SandboxChange(action, resource, id);
    }

    /// <summary>The id of a random live object of a kind (caller holds the lock), or null when there is none.</summary>
    private string? RandomLive(SandboxResource resource, Random rng)
    {
        var table = Table(resource);
        if (table.Count == 0 || _live[(int)resource] == 0) return null;
        // Random probes find one quickly unless nearly everything is deleted; then a scan from a random point.
        for (var probe = 0; probe < 32; probe++)
        {
            var s = table[rng.Next(table.Count)];
            if (!s.Deleted) return IdOf(resource, s.Number);
        }
        var from = rng.Next(table.Count);
        for (var k = 0; k < table.Count; k++)
        {
            var s = table[(from + k) % table.Count];
            if (!s.Deleted) return IdOf(resource, s.Number);
        }
        return null;
    }
}
