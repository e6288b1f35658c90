namespace Closeio.Sandbox;

// Mutations: each takes the lock, stamps the change with the clock's time, and writes the events
// Close would write. The acting user is always Me (the API key's user), as for a real API call.
public sealed partial class SandboxOrganization
{
    private const short MeUser = 0;
    /// <summary>While generating, events collect here and are sorted once at the end.</summary>
    private List<EventState>? _pendingEvents;

    /// <summary>Creates an empty lead now; logs <c>created</c>.</summary>
    public SandboxItem CreateLead()
    {
        lock (_gate)
        {
            var now = Now();
            var s = NewState(_leads.Count, now, lead: _leads.Count);
            _leads.Add(s);
            _leadLinks.Add(LeadLinks.Empty);
            _live[(int)SandboxResource.Lead]++;
            EmitCreated(SandboxResource.Lead, 0, s, NextRequest());
            return new ObjectItem(this, SandboxResource.Lead, s);
        }
    }

    /// <summary>Changes a lead's fields (description, status, custom values); logs <c>updated</c> with changed_fields.</summary>
    public SandboxItem UpdateLead(string id)
    {
        lock (_gate)
        {
            var n = LiveNumber(SandboxResource.Lead, id);
            ref var s = ref _leads[n];
            var before = s;
            s.Version++;
            s.Updated = Now();
            s.UpdatedBy = MeUser;
            EmitUpdated(SandboxResource.Lead, 0, before, s, NextRequest());
            return new ObjectItem(this, SandboxResource.Lead, s);
        }
    }

    /// <summary>Deletes a lead and everything under it, logging <c>deleted</c> for each object.</summary>
    public void DeleteLead(string id)
    {
        lock (_gate)
        {
            var n = LiveNumber(SandboxResource.Lead, id);
            DeleteLeadCore(n, Now(), MeUser, NextRequest());
        }
    }

    /// <summary>Moves the source's children to the destination, deletes the source, logs <c>merged</c>.</summary>
    public void MergeLeads(string sourceLeadId, string destinationLeadId)
    {
        lock (_gate)
        {
            var source = LiveNumber(SandboxResource.Lead, sourceLeadId);
            var destination = LiveNumber(SandboxResource.Lead, destinationLeadId);
            if (source == destination) throw new ArgumentException("A lead cannot be merged into itself.", nameof(destinationLeadId));
            MergeLeadsCore(source, destination, Now(), MeUser, NextRequest());
        }
    }

    /// <summary>Adds a contact to a lead; logs <c>created</c> and the lead's <c>updated</c>.</summary>
    public SandboxItem CreateContact(string leadId) => CreateChild(SandboxResource.Contact, leadId, null);
    /// <summary>Changes a contact; its lead's date_updated follows.</summary>
    public SandboxItem UpdateContact(string id) => UpdateChild(SandboxResource.Contact, id);
    /// <summary>Deletes a contact; logs <c>deleted</c>; its lead's date_updated follows.</summary>
    public void DeleteContact(string id) => DeleteChild(SandboxResource.Contact, id);

    /// <summary>Adds an opportunity to a lead; logs <c>created</c> and the lead's <c>updated</c>.</summary>
    public SandboxItem CreateOpportunity(string leadId) => CreateChild(SandboxResource.Opportunity, leadId, null);
    /// <summary>Changes an opportunity (status, value, ...); its lead's date_updated follows.</summary>
    public SandboxItem UpdateOpportunity(string id) => UpdateChild(SandboxResource.Opportunity, id);
    /// <summary>Deletes an opportunity; logs <c>deleted</c>; its lead's date_updated follows.</summary>
    public void DeleteOpportunity(string id) => DeleteChild(SandboxResource.Opportunity, id);

    /// <summary>Creates a task of <paramref name="type"/> (default <c>lead</c>) on a lead.</summary>
    public SandboxItem CreateTask(string leadId, string? type = null) => CreateChild(SandboxResource.Task, leadId, type);
    /// <summary>Changes a task (completion, assignee, ...); its lead's date_updated follows.</summary>
    public SandboxItem UpdateTask(string id) => UpdateChild(SandboxResource.Task, id);
    /// <summary>Deletes a task; logs <c>deleted</c>; its lead's date_updated follows.</summary>
    public void DeleteTask(string id) => DeleteChild(SandboxResource.Task, id);

    /// <summary>Logs an activity on a lead, created now; <paramref name="type"/> null picks one at random (seeded).</summary>
    public SandboxItem CreateActivity(string leadId, string? type = null)
    {
        lock (_gate)
        {
            var lead = LiveNumber(SandboxResource.Lead, leadId);
            var request = NextRequest();
            var code = Catalog.ActivityType(type);
            if (code == -2) throw new ArgumentException($"Unknown activity type '{type}'.", nameof(type));
            if (code < 0)
            {
                var mix = Mix.Of(Seed, 77, request);
                code = Catalog.Weighted(ref mix, Catalog.ActivityWeights);
            }
            var s = NewState(_activityPositions.Count, Now(), lead);
            s.Type = (byte)code;
            s.Contact = FirstLive(_contacts, _leadLinks[lead].FirstContact);
            s.Ref = code == Catalog.OpportunityStatusChange ? FirstLive(_opportunities, _leadLinks[lead].FirstOpportunity) : -1;
            AddActivity(s);
            EmitCreated(SandboxResource.Activity, s.Type, s, request);
            return new ObjectItem(this, SandboxResource.Activity, s);
        }
    }

    /// <summary>Changes an activity; date_created stays, date_updated moves (the activities stream cannot see this by date_created).</summary>
    public SandboxItem UpdateActivity(string id)
    {
        lock (_gate)
        {
            ref var s = ref _activities[_activityPositions[LiveNumber(SandboxResource.Activity, id)]];
            var before = s;
            s.Version++;
            s.Updated = Now();
            s.UpdatedBy = MeUser;
            EmitUpdated(SandboxResource.Activity, s.Type, before, s, NextRequest());
            return new ObjectItem(this, SandboxResource.Activity, s);
        }
    }

    /// <summary>Deletes an activity; logs <c>deleted</c>.</summary>
    public void DeleteActivity(string id)
    {
        lock (_gate)
        {
            var position = _activityPositions[LiveNumber(SandboxResource.Activity, id)];
            DeleteCore(SandboxResource.Activity, ref _activities[position], Now(), MeUser, NextRequest());
        }
    }

    /// <summary>
    /// Changes a user's profile. Close's event log does not record user profile edits, so no event
    /// is written; the users stream sees the change through date_updated.
    /// </summary>
    public SandboxItem UpdateUser(string id)
    {
        lock (_gate)
        {
            ref var s = ref _users[LiveNumber(SandboxResource.User, id)];
            s.Version++;
            s.Updated = Now();
            return new ObjectItem(this, SandboxResource.User, s);
        }
    }

    /// <summary>Adds a custom field of a kind (lead, contact, opportunity, activity, shared); objects get values for it once they change.</summary>
    public SandboxItem CreateCustomField(string kind)
    {
        var k = Catalog.Kind(kind);
        lock (_gate)
        {
            var request = NextRequest();
            var s = NewState(_customFields.Count, Now(), lead: -1);
            var mix = Mix.Of(Seed, 78, s.Number);
            s.Type = (byte)mix.Next(Catalog.CustomFieldTypes.Length);
            s.Ref = k;
            _customFields.Add(s);
            _live[(int)SandboxResource.CustomField]++;
            PublishCustomFields();
            EmitCreated(SandboxResource.CustomField, (byte)k, s, request);
            return new ObjectItem(this, SandboxResource.CustomField, s);
        }
    }

    /// <summary>Changes a custom field's definition (a choices field gains an option).</summary>
    public SandboxItem UpdateCustomField(string id)
    {
        lock (_gate)
        {
            ref var s = ref _customFields[LiveNumber(SandboxResource.CustomField, id)];
            var before = s;
            s.Version++;
            s.Updated = Now();
            s.UpdatedBy = MeUser;
            PublishCustomFields();
            EmitUpdated(SandboxResource.CustomField, (byte)s.Ref, before, s, NextRequest());
            return new ObjectItem(this, SandboxResource.CustomField, s);
        }
    }

    /// <summary>
    /// Deletes a custom field definition: it leaves <c>custom_field/{kind}/</c>, objects stop showing
    /// its values (their date_updated stays), and a search that still selects it is refused. Logs <c>deleted</c>.
    /// </summary>
    public void DeleteCustomField(string id)
    {
        lock (_gate)
        {
            ref var s = ref _customFields[LiveNumber(SandboxResource.CustomField, id)];
            var now = Now();
            s.Deleted = true;
            _live[(int)SandboxResource.CustomField]--;
            Emit(new EventState
            {
                Created = now, Updated = now, ObjectUpdated = s.Updated, PreviousObjectUpdated = s.Updated,
                ObjectNumber = s.Number, Lead = s.Lead, PreviousLead = s.Lead, Version = s.Version, PreviousVersion = s.Version,
                MergeSource = -1, Request = NextRequest(), User = MeUser, PreviousUser = s.UpdatedBy,
                Resource = (byte)SandboxResource.CustomField, Action = EventActions.Deleted, Subtype = (byte)s.Ref,
            });
            PublishCustomFields();
        }
    }

    /// <summary>Moves an event's date_updated to now, as Close does when it consolidates events later.</summary>
    public void ConsolidateEvent(string eventId)
    {
        lock (_gate)
        {
            var e = CloseId.Parse("ev_", Seed, eventId);
            if (e < 0 || e >= _eventPositions.Count) throw new KeyNotFoundException($"No event '{eventId}'.");
            var position = _eventPositions[e];
            var copy = _events[position];
            copy.Updated = Now();
            // The old entry stays where it is (marked) so readers walking by position never skip one.
            _events[position].Superseded = true;
            _eventPositions[e] = _events.Add(copy);
        }
    }

    /// <summary>One random create, update, delete or merge of any kind, chosen by <paramref name="rng"/>.</summary>
    public SandboxChange RandomChange(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        lock (_gate)
        {
            for (var attempt = 0; attempt < 8; attempt++)
                if (TryRandomChange(rng) is { } change) return change;
            var lead = CreateLead();
            return new SandboxChange("created", SandboxResource.Lead, lead.Id);
        }
    }

    // ---- the shared cores ----

    private SandboxItem CreateChild(SandboxResource resource, string leadId, string? taskType)
    {
        lock (_gate)
        {
            var lead = LiveNumber(SandboxResource.Lead, leadId);
            var request = NextRequest();
            var now = Now();
            var table = Table(resource);
            var s = NewState(table.Count, now, lead);
            ref var links = ref _leadLinks[lead];
            if (resource == SandboxResource.Task)
            {
                var code = Catalog.TaskType(taskType ?? "lead");
                if (code < 0) throw new ArgumentException($"Unknown task type '{taskType}'.", nameof(taskType));
                s.Type = (byte)code;
                s.Ref = code == Catalog.TaskOpportunityDue
                    ? FirstLive(_opportunities, links.FirstOpportunity)
                    : LatestActivity(lead, Catalog.TaskObjectActivity[code]);
            }
            if (resource != SandboxResource.Contact) s.Contact = FirstLive(_contacts, links.FirstContact);
            s.Next = resource switch { SandboxResource.Contact => links.FirstContact, SandboxResource.Opportunity => links.FirstOpportunity, _ => links.FirstTask };
            var n = table.Add(s);
            switch (resource)
            {
                case SandboxResource.Contact: links.FirstContact = n; break;
                case SandboxResource.Opportunity: links.FirstOpportunity = n; break;
                default: links.FirstTask = n; break;
            }
            _live[(int)resource]++;
            EmitCreated(resource, s.Type, s, request);
            TouchLead(lead, now, MeUser, request);
            return new ObjectItem(this, resource, s);
        }
    }

    private SandboxItem UpdateChild(SandboxResource resource, string id)
    {
        lock (_gate)
        {
            var request = NextRequest();
            var now = Now();
            ref var s = ref Table(resource)[LiveNumber(resource, id)];
            var before = s;
            s.Version++;
            s.Updated = now;
            s.UpdatedBy = MeUser;
            EmitUpdated(resource, s.Type, before, s, request);
            TouchLead(s.Lead, now, MeUser, request);
            return new ObjectItem(this, resource, s);
        }
    }

    private void DeleteChild(SandboxResource resource, string id)
    {
        lock (_gate)
        {
            var request = NextRequest();
            var now = Now();
            ref var s = ref Table(resource)[LiveNumber(resource, id)];
            DeleteCore(resource, ref s, now, MeUser, request);
            // The node stays linked (marked deleted): lists skip deleted nodes, and readers never see a half-unlinked list.
            TouchLead(s.Lead, now, MeUser, request);
        }
    }

    // activityPositions: the lead's activities when already known (generation); null scans them all.
    private void DeleteLeadCore(int lead, long now, short user, int request, IReadOnlyList<int>? activityPositions = null)
    {
        var links = _leadLinks[lead];
        DeleteList(SandboxResource.Contact, _contacts, links.FirstContact, now, user, request);
        DeleteList(SandboxResource.Opportunity, _opportunities, links.FirstOpportunity, now, user, request);
        DeleteList(SandboxResource.Task, _tasks, links.FirstTask, now, user, request);
        foreach (var i in activityPositions ?? Enumerable.Range(0, _activities.Count))
        {
            ref var a = ref _activities[i];
            if (a.Lead == lead && !a.Deleted) DeleteCore(SandboxResource.Activity, ref a, now, user, request);
        }
        DeleteCore(SandboxResource.Lead, ref _leads[lead], now, user, request);
    }

    private void DeleteList(SandboxResource resource, RecordTable<ObjectState> table, int head, long now, short user, int request)
    {
        for (var i = head; i >= 0; i = table[i].Next)
            if (!table[i].Deleted) DeleteCore(resource, ref table[i], now, user, request);
    }

    private void DeleteCore(SandboxResource resource, ref ObjectState s, long now, short user, int request)
    {
        s.Deleted = true;
        _live[(int)resource]--;
        Emit(new EventState
        {
            Created = now, Updated = now, ObjectUpdated = s.Updated, PreviousObjectUpdated = s.Updated,
            ObjectNumber = s.Number, Lead = s.Lead, PreviousLead = s.Lead, Version = s.Version, PreviousVersion = s.Version,
            MergeSource = -1, Request = request, User = user, PreviousUser = s.UpdatedBy,
            Resource = (byte)resource, Action = EventActions.Deleted, Subtype = s.Type,
        });
    }

    private void MergeLeadsCore(int source, int destination, long now, short user, int request, IReadOnlyList<int>? activityPositions = null)
    {
        ref var from = ref _leadLinks[source];
        ref var to = ref _leadLinks[destination];
        to.FirstContact = MoveList(SandboxResource.Contact, _contacts, from.FirstContact, to.FirstContact, destination, now, user, request);
        to.FirstOpportunity = MoveList(SandboxResource.Opportunity, _opportunities, from.FirstOpportunity, to.FirstOpportunity, destination, now, user, request);
        to.FirstTask = MoveList(SandboxResource.Task, _tasks, from.FirstTask, to.FirstTask, destination, now, user, request);
        from = LeadLinks.Empty;
        foreach (var i in activityPositions ?? Enumerable.Range(0, _activities.Count))
        {
            ref var a = ref _activities[i];
            if (a.Lead == source && !a.Deleted) Move(SandboxResource.Activity, ref a, destination, now, user, request);
        }
        DeleteCore(SandboxResource.Lead, ref _leads[source], now, user, request);
        MarkMerged(source, destination);
        ref var d = ref _leads[destination];
        var before = d;
        d.Updated = now;
        d.UpdatedBy = user;
        var merged = EventFor(SandboxResource.Lead, 0, EventActions.Merged, before, d, now, request);
        merged.MergeSource = source;
        Emit(merged);
    }

    /// <summary>Moves every node of a source list to the destination lead; returns the new destination head.</summary>
    private int MoveList(SandboxResource resource, RecordTable<ObjectState> table, int sourceHead, int destinationHead, int destination, long now, short user, int request)
    {
        if (sourceHead < 0) return destinationHead;
        var last = sourceHead;
        for (var i = sourceHead; i >= 0; i = table[i].Next)
        {
            if (!table[i].Deleted) Move(resource, ref table[i], destination, now, user, request);
            else table[i].Lead = destination;
            last = i;
        }
        table[last].Next = destinationHead;
        return sourceHead;
    }

    private void Move(SandboxResource resource, ref ObjectState s, int destination, long now, short user, int request)
    {
        var before = s;
        s.Lead = destination;
        s.Updated = now;
        s.UpdatedBy = user;
        EmitUpdated(resource, s.Type, before, s, request);
    }

    /// <summary>A child changed: the lead's date_updated follows, with its own <c>updated</c> event.</summary>
    private void TouchLead(int lead, long now, short user, int request)
    {
        ref var s = ref _leads[lead];
        if (s.Deleted) return;
        var before = s;
        s.Updated = Math.Max(s.Updated, now);
        s.UpdatedBy = user;
        EmitUpdated(SandboxResource.Lead, 0, before, s, request);
    }

    private void AddActivity(in ObjectState s)
    {
        var position = _activities.Add(s);
        _activityPositions.Add(position);
        _live[(int)SandboxResource.Activity]++;
    }

    private int LatestActivity(int lead, int type)
    {
        if (type < 0) return -1;
        // Newest first; bounded so creating a task stays cheap on a million activities.
        for (int i = _activities.Count - 1, seen = 0; i >= 0 && seen < 50_000; i--, seen++)
        {
            ref var a = ref _activities[i];
            if (a.Lead == lead && a.Type == type && !a.Deleted) return a.Number;
        }
        return -1;
    }

    private static int FirstLive(RecordTable<ObjectState> table, int head)
    {
        var best = -1;
        for (var i = head; i >= 0; i = table[i].Next)
            if (!table[i].Deleted && (best < 0 || i < best)) best = i;
        return best;
    }

    private int LiveNumber(SandboxResource resource, string id)
    {
        var n = NumberOf(resource, id);
        var exists = resource == SandboxResource.Activity
            ? n >= 0 && n < _activityPositions.Count && !_activities[_activityPositions[n]].Deleted
            : n >= 0 && n < Table(resource).Count && !Table(resource)[n].Deleted;
        if (!exists) throw new KeyNotFoundException($"No {resource.ToString().ToLowerInvariant()} '{id}'.");
        return n;
    }

    private static ObjectState NewState(int number, long now, int lead) => new()
    {
        Created = now, Updated = now, Number = number, Lead = lead, Version = 0,
        Ref = -1, Contact = -1, Next = -1, CreatedBy = MeUser, UpdatedBy = MeUser,
    };

    /// <summary>The clock's time in whole microseconds, never earlier than anything already written.</summary>
    private long Now()
    {
        var t = Math.Max(SandboxTime.Ticks(Clock.GetUtcNow()), _floor);
        _floor = t;
        return t;
    }

    private int NextRequest() => ++_requests;

    private void PublishCustomFields()
    {
        var copy = new ObjectState[_customFields.Count];
        for (var i = 0; i < copy.Length; i++) copy[i] = _customFields[i];
        var ids = new string[copy.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = CloseId.Make(IdPrefix(SandboxResource.CustomField), Seed, i);
        Volatile.Write(ref _customFieldIds, ids);
        Volatile.Write(ref _customFieldSnapshot, copy);
    }

    private void EmitCreated(SandboxResource resource, byte subtype, in ObjectState s, int request) =>
        Emit(EventFor(resource, subtype, EventActions.Created, s, s, s.Created, request));

    private void EmitUpdated(SandboxResource resource, byte subtype, in ObjectState before, in ObjectState after, int request) =>
        Emit(EventFor(resource, subtype, EventActions.Updated, before, after, after.Updated, request));

    private static EventState EventFor(SandboxResource resource, byte subtype, byte action, in ObjectState before, in ObjectState after, long at, int request) => new()
    {
        Created = at, Updated = at, ObjectUpdated = after.Updated, PreviousObjectUpdated = before.Updated,
        ObjectNumber = after.Number, Lead = after.Lead, PreviousLead = before.Lead,
        Version = after.Version, PreviousVersion = before.Version, MergeSource = -1, Request = request,
        User = after.UpdatedBy, PreviousUser = before.UpdatedBy,
        Resource = (byte)resource, Action = action, Subtype = subtype,
    };

    private void Emit(EventState e)
    {
        if (e.Action == EventActions.Deleted) RecordDeletion(e);
        if (_pendingEvents is not null)
        {
            _pendingEvents.Add(e);
            return;
        }
        e.Number = _eventPositions.Count;
        _eventPositions.Add(_events.Add(e));
    }
}
