using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// Renders an event log entry. data and previous_data are re-rendered from the object's state
/// recorded in the event (version, date_updated, lead, user), and changed_fields is the set of
/// keys whose values differ between the two, so the three always agree.
/// </summary>
internal static class EventRenderer
{
    public static string ObjectType(in EventState e) => (SandboxResource)e.Resource switch
    {
        SandboxResource.Lead => "lead",
        SandboxResource.Contact => "contact",
        SandboxResource.Opportunity => "opportunity",
        SandboxResource.Task => "task." + Catalog.TaskTypes[e.Subtype],
        SandboxResource.Activity => Catalog.ActivityObjectTypes[e.Subtype],
        SandboxResource.CustomField => "custom_fields." + Catalog.CustomFieldKinds[e.Subtype],
        var r => DirectoryKinds.Of(r).ObjectType,
    };

    public static JsonObject Render(SandboxOrganization org, in EventState e)
    {
        var resource = (SandboxResource)e.Resource;
        var action = EventActions.Names[e.Action];
        var objectId = org.IdOf(resource, e.ObjectNumber);
        var current = org.StateOf(resource, e.ObjectNumber);
        var after = current;
        after.Version = e.Version; after.Updated = e.ObjectUpdated; after.Lead = e.Lead; after.UpdatedBy = e.User; after.Deleted = false;
        var before = current;
        before.Version = e.PreviousVersion; before.Updated = e.PreviousObjectUpdated; before.Lead = e.PreviousLead; before.UpdatedBy = e.PreviousUser; before.Deleted = false;

        JsonObject? data = null, previous = null;
        var changed = new JsonArray();
        switch (e.Action)
        {
            case EventActions.Created:
                data = ObjectRenderer.Render(org, resource, after, embedChildren: false);
                break;
            case EventActions.Deleted:
                previous = ObjectRenderer.Render(org, resource, before, embedChildren: false);
                break;
            default:
                data = ObjectRenderer.Render(org, resource, after, embedChildren: false);
                var old = ObjectRenderer.Render(org, resource, before, embedChildren: false);
                previous = new JsonObject();
                var keys = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var (k, v) in data) if (!old.TryGetPropertyValue(k, out var was) || !JsonNode.DeepEquals(v, was)) keys.Add(k);
                foreach (var (k, _) in old) if (!data.ContainsKey(k)) keys.Add(k);
                foreach (var k in keys)
                {
                    changed.Add(k);
                    previous[k] = old.TryGetPropertyValue(k, out var was) ? was?.DeepClone() : null;
                }
                break;
        }

        var meta = new JsonObject
        {
            ["request_method"] = e.Action switch { EventActions.Created or EventActions.Merged => "POST", EventActions.Deleted => "DELETE", _ => "PUT" },
            ["request_path"] = RequestPath(resource, e, objectId),
        };
        if (e.Action == EventActions.Merged)
        {
            meta["merge_source_lead_id"] = org.IdOf(SandboxResource.Lead, e.MergeSource);
            meta["merge_destination_lead_id"] = objectId;
        }
        return new JsonObject
        {
            ["id"] = org.IdOf(SandboxResource.Event, e.Number),
            ["date_created"] = ObjectRenderer.Time(e.Created),
            ["date_updated"] = ObjectRenderer.Time(e.Updated),
            ["action"] = action,
            ["object_type"] = ObjectType(e),
            ["object_id"] = objectId,
            ["lead_id"] = e.Lead < 0 ? null : org.IdOf(SandboxResource.Lead, e.Lead),
            ["organization_id"] = org.OrganizationId,
            ["user_id"] = e.User < 0 ? null : org.IdOf(SandboxResource.User, e.User),
            ["request_id"] = CloseId.Make("req_", org.Seed, e.Request),
            ["changed_fields"] = changed,
            ["data"] = data,
            ["previous_data"] = previous,
            ["meta"] = meta,
        };
    }

    private static string RequestPath(SandboxResource resource, in EventState e, string objectId)
    {
        if (e.Action == EventActions.Merged) return "/api/v1/lead/merge/";
        var segment = resource switch
        {
            SandboxResource.Activity => "activity/" + Catalog.ActivityObjectTypes[e.Subtype]["activity.".Length..].Replace("_", "", StringComparison.Ordinal),
            SandboxResource.CustomField => "custom_field/" + Catalog.CustomFieldKinds[e.Subtype],
            SandboxResource.Lead or SandboxResource.Contact or SandboxResource.Opportunity or SandboxResource.Task => resource.ToString().ToLowerInvariant(),
            _ => DirectoryKinds.Of(resource).Path.Trim('/'),
        };
        return e.Action == EventActions.Created ? $"/api/v1/{segment}/" : $"/api/v1/{segment}/{objectId}/";
    }
}
