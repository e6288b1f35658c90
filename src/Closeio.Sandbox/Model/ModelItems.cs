using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>A handle on a user, custom field, lead, contact, opportunity, task or activity, as it was when read.</summary>
internal sealed class ObjectItem : SandboxItem
{
    private readonly SandboxOrganization _org;
    private readonly ObjectState _state;
    private string? _id;

    public ObjectItem(SandboxOrganization org, SandboxResource resource, in ObjectState state)
    {
        _org = org;
        Resource = resource;
        _state = state;
    }

    public override SandboxResource Resource { get; }
    public override string Id => _id ??= _org.IdOf(Resource, _state.Number);
    public override string? Type => Resource switch
    {
        SandboxResource.Activity => Catalog.ActivityTypes[_state.Type],
        SandboxResource.Task => Catalog.TaskTypes[_state.Type],
        SandboxResource.CustomField => Catalog.CustomFieldKinds[_state.Ref],
        _ => null,
    };
    public override string? LeadId => _state.Lead < 0 ? null : _org.IdOf(SandboxResource.Lead, _state.Lead);
    public override DateTimeOffset DateCreated => SandboxTime.ToOffset(_state.Created);
    public override DateTimeOffset DateUpdated => SandboxTime.ToOffset(_state.Updated);
    internal ref readonly ObjectState State => ref _state;
    public override JsonObject Render() => ObjectRenderer.Render(_org, Resource, _state, embedChildren: true);
    public override string ToString() => $"{Resource} {Id}";
}

/// <summary>A handle on one event log entry.</summary>
internal sealed class EventItem : SandboxItem
{
    private readonly SandboxOrganization _org;
    private readonly EventState _state;

    public EventItem(SandboxOrganization org, in EventState state)
    {
        _org = org;
        _state = state;
    }

    public override SandboxResource Resource => SandboxResource.Event;
    public override string Id => _org.IdOf(SandboxResource.Event, _state.Number);
    /// <summary>The event's object_type (lead, contact, activity.call, ...).</summary>
    public override string? Type => EventRenderer.ObjectType(_state);
    public override string? LeadId => _state.Lead < 0 ? null : _org.IdOf(SandboxResource.Lead, _state.Lead);
    public override DateTimeOffset DateCreated => SandboxTime.ToOffset(_state.Created);
    public override DateTimeOffset DateUpdated => SandboxTime.ToOffset(_state.Updated);
    /// <summary>created, updated, deleted or merged.</summary>
    internal string Action => EventActions.Names[_state.Action];
    internal ref readonly EventState State => ref _state;
    public override JsonObject Render() => EventRenderer.Render(_org, _state);
    public override string ToString() => $"Event {Id} {Action} {Type}";
}
