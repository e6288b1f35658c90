namespace Closeio.Sandbox;

/// <summary>
/// A lead or other object that no longer exists, as the Sandbox itself recorded its removal: the
/// truth a deletions stream built from the event log is checked against. <see cref="ObjectType"/> is
/// the event log's object_type (<c>lead</c>, <c>task.lead</c>, <c>activity.call</c>, <c>email_template</c>, ...);
/// <see cref="MergedInto"/> is the destination lead when a lead was merged away, else null.
/// </summary>
public sealed record SandboxDeletion(string ObjectType, string Id, string? LeadId, DateTimeOffset When, string? UserId, string? MergedInto);

// The objects beyond the seed streams: statuses, pipelines, templates, sequences and their
// subscriptions, custom activity and object types, custom objects, smart views, roles, groups,
// phone numbers, comment threads and comments. Each kind is a table of compact states like the
// others; generation draws from its own seeded streams, so the seed streams' objects are unchanged.
public sealed partial class SandboxOrganization
{
    /// <summary>Opportunity status numbers are offset in their ids so they never collide with lead statuses (both <c>stat_</c>).</summary>
    internal const int OpportunityStatusIdBase = 100;

    private readonly Dictionary<SandboxResource, RecordTable<ObjectState>> _directory =
        DirectoryKinds.All.ToDictionary(k => k.Resource, _ => new RecordTable<ObjectState>());
    private readonly List<SandboxDeletion> _deletions = [];

    /// <summary>
    /// Every object deleted or merged away so far (generation's history included), oldest first; a
    /// merged lead's entry names its destination. Objects that disappear with a deleted lead (its
    /// contacts, opportunities, tasks, activities) each have their own entry, as in the event log.
    /// </summary>
    public IReadOnlyList<SandboxDeletion> Deletions
    {
        get { lock (_gate) return _deletions.ToArray(); }
    }

    /// <summary>
    /// Live objects of a kind beyond the seed streams (<see cref="SandboxResource.LeadStatus"/> and
    /// later), ascending id. Objects under a deleted lead (subscriptions, custom objects, comments) are gone with it.
    /// </summary>
    public IEnumerable<SandboxItem> Objects(SandboxResource resource)
    {
        if (!DirectoryKinds.IsDirectory(resource)) throw new ArgumentOutOfRangeException(nameof(resource), resource, "Use the kind's own reader.");
        var table = Table(resource);
        return Batched(() => (0, table.Count), 1, i => OrphanedByLead(resource, table[i]) ? null : Item(resource, table[i]));
    }

    /// <summary>Creates a status, template, sequence or smart view now (the kinds Close lets users create); logs <c>created</c>.</summary>
    public SandboxItem CreateObject(SandboxResource resource)
    {
        RequireEditable(resource);
        lock (_gate)
        {
            var table = Table(resource);
            if (resource == SandboxResource.LeadStatus && table.Count >= OpportunityStatusIdBase)
                throw new InvalidOperationException("The Sandbox holds at most 100 lead statuses.");
            var s = NewState(table.Count, Now(), lead: -1);
            var mix = Mix.Of(Seed, 90, (int)resource, s.Number);
            s.Ref = resource switch
            {
                SandboxResource.OpportunityStatus => 0,
                SandboxResource.Sequence => FirstLiveNumber(SandboxResource.EmailTemplate),
                _ => -1,
            };
            s.Type = resource switch
            {
                SandboxResource.OpportunityStatus => (byte)mix.Next(3),
                SandboxResource.SavedSearch => (byte)mix.Next(2),
                _ => 0,
            };
            table.Add(s);
            _live[(int)resource]++;
            EmitCreated(resource, 0, s, NextRequest());
            return new ObjectItem(this, resource, s);
        }
    }

    /// <summary>Edits a status (one no lead or opportunity uses), template, sequence, smart view, subscription, custom object or comment; logs <c>updated</c>.</summary>
    public SandboxItem UpdateObject(SandboxResource resource, string id)
    {
        // Close also lets users edit a subscription (pause, resume), a custom object and a comment.
        if (resource is not (SandboxResource.SequenceSubscription or SandboxResource.CustomObject or SandboxResource.Comment))
            RequireEditable(resource);
        lock (_gate)
        {
            var n = LiveNumber(resource, id);
            RequireUnused(resource, n, "edited");
            ref var s = ref Table(resource)[n];
            var before = s;
            s.Version++;
            s.Updated = Now();
            s.UpdatedBy = MeUser;
            EmitUpdated(resource, 0, before, s, NextRequest());
            return new ObjectItem(this, resource, s);
        }
    }

    /// <summary>
    /// Deletes a status, template, sequence or smart view; logs <c>deleted</c>. As in Close, a status
    /// still in use, a template a sequence sends and a sequence with subscriptions cannot be deleted.
    /// </summary>
    public void DeleteObject(SandboxResource resource, string id)
    {
        RequireEditable(resource);
        lock (_gate)
        {
            var n = LiveNumber(resource, id);
            RequireUnused(resource, n, "deleted");
            DeleteCore(resource, ref Table(resource)[n], Now(), MeUser, NextRequest());
        }
    }

    // ---- helpers ----

    /// <summary>The number an id encodes for a kind, or -1 (opportunity statuses: offset removed; lead statuses: below the offset).</summary>
    internal int NumberOf(SandboxResource resource, string? id)
    {
        var n = CloseId.Parse(IdPrefix(resource), Seed, id);
        return resource switch
        {
            SandboxResource.OpportunityStatus => n >= OpportunityStatusIdBase ? n - OpportunityStatusIdBase : -1,
            SandboxResource.LeadStatus => n < OpportunityStatusIdBase ? n : -1,
            _ => n,
        };
    }

    /// <summary>Live states of a kind (caller holds the lock or accepts a snapshot), for renderers that list related objects.</summary>
    internal List<ObjectState> LiveStates(SandboxResource resource, Func<ObjectState, bool>? where = null)
    {
        lock (_gate)
        {
            var table = Table(resource);
            var list = new List<ObjectState>();
            for (var i = 0; i < table.Count; i++)
                if (!table[i].Deleted && !OrphanedByLead(resource, table[i]) && (where is null || where(table[i]))) list.Add(table[i]);
            return list;
        }
    }

    private bool OrphanedByLead(SandboxResource resource, in ObjectState s) =>
        DirectoryKinds.IsDirectory(resource) && s.Lead >= 0 && s.Lead < _leads.Count && _leads[s.Lead].Deleted;

    private static void RequireEditable(SandboxResource resource)
    {
        if (!DirectoryKinds.IsDirectory(resource) || !DirectoryKinds.Of(resource).Editable)
            throw new ArgumentOutOfRangeException(nameof(resource), resource, "Only statuses, templates, sequences and smart views are created, edited and deleted this way.");
    }

    /// <summary>Close refuses to delete what is in use; the Sandbox also keeps in-use statuses' labels fixed, so leads and statuses agree.</summary>
    private void RequireUnused(SandboxResource resource, int n, string verb)
    {
        var inUse = resource switch
        {
            SandboxResource.LeadStatus => n < Catalog.LeadStatuses.Length,
            SandboxResource.OpportunityStatus => n < Catalog.OpportunityStatuses.Length,
            SandboxResource.EmailTemplate => verb == "deleted" && AnyLive(SandboxResource.Sequence, s => s.Ref == n),
            SandboxResource.Sequence => verb == "deleted" && AnyLive(SandboxResource.SequenceSubscription, s => s.Ref == n),
            _ => false,
        };
        if (inUse) throw new InvalidOperationException($"The {DirectoryKinds.Of(resource).ObjectType} {IdOf(resource, n)} is in use and cannot be {verb}.");
    }

    private bool AnyLive(SandboxResource resource, Func<ObjectState, bool> where)
    {
        var table = Table(resource);
        for (var i = 0; i < table.Count; i++)
            if (!table[i].Deleted && where(table[i])) return true;
        return false;
    }

    private int FirstLiveNumber(SandboxResource resource)
    {
        var table = Table(resource);
        for (var i = 0; i < table.Count; i++)
            if (!table[i].Deleted) return i;
        return -1;
    }

    /// <summary>A random object of an editable kind that may be edited or deleted now, or null.</summary>
    private string? RandomEditable(SandboxResource resource, string action, Random rng)
    {
        var table = Table(resource);
        if (table.Count == 0) return null;
        var from = rng.Next(table.Count);
        for (var k = 0; k < table.Count; k++)
        {
            var n = (from + k) % table.Count;
            if (table[n].Deleted) continue;
            try { RequireUnused(resource, n, action); }
            catch (InvalidOperationException) { continue; }
            return IdOf(resource, n);
        }
        return null;
    }

    private void RecordDeletion(in EventState e)
    {
        var resource = (SandboxResource)e.Resource;
        _deletions.Add(new SandboxDeletion(EventRenderer.ObjectType(e), IdOf(resource, e.ObjectNumber),
            e.Lead < 0 ? null : IdOf(SandboxResource.Lead, e.Lead), SandboxTime.ToOffset(e.Updated),
            e.User < 0 ? null : IdOf(SandboxResource.User, e.User), null));
    }

    private void MarkMerged(int source, int destination)
    {
        var sourceId = IdOf(SandboxResource.Lead, source);
        for (var i = _deletions.Count - 1; i >= 0; i--)
        {
            if (_deletions[i].Id != sourceId) continue;
            _deletions[i] = _deletions[i] with { MergedInto = IdOf(SandboxResource.Lead, destination) };
            return;
        }
    }

    // ---- generation ----

    private void GenerateDirectory(long historyStart, long windowStart, long start, Dictionary<int, long> caps)
    {
        var rng = Mix.Of(Seed, 80);
        var users = _users.Count;
        // Settings objects exist from before the history: the event window sees only later changes to them.
        long Early(ref Mix m) => SandboxTime.Truncate(historyStart - m.NextLong(90 * TimeSpan.TicksPerDay) - TimeSpan.TicksPerDay);
        ObjectState Setting(SandboxResource resource, ref Mix m, int type = 0, int reference = -1)
        {
            var s = NewState(Table(resource).Count, Early(ref m), lead: -1);
            s.CreatedBy = s.UpdatedBy = (short)m.Next(users);
            s.Type = (byte)type;
            s.Ref = reference;
            // Some were edited since, still before the event window.
            if (m.Chance(0.3)) { s.Updated = SandboxTime.Truncate(s.Created + m.NextLong(Math.Max(1, windowStart - s.Created))); s.Version = 1; s.UpdatedBy = (short)m.Next(users); }
            return s;
        }
        void Add(SandboxResource resource, in ObjectState s)
        {
            Table(resource).Add(s);
            _live[(int)resource]++;
        }

        for (var i = 0; i < Catalog.LeadStatuses.Length; i++) Add(SandboxResource.LeadStatus, NoEdit(Setting(SandboxResource.LeadStatus, ref rng)));
        Add(SandboxResource.Pipeline, Setting(SandboxResource.Pipeline, ref rng));
        Add(SandboxResource.Pipeline, Setting(SandboxResource.Pipeline, ref rng));
        for (var i = 0; i < Catalog.OpportunityStatuses.Length; i++)
            Add(SandboxResource.OpportunityStatus, NoEdit(Setting(SandboxResource.OpportunityStatus, ref rng, StatusTypeCode(Catalog.OpportunityStatuses[i].Type), 0)));
        Add(SandboxResource.OpportunityStatus, NoEdit(Setting(SandboxResource.OpportunityStatus, ref rng, 0, 1)));
        Add(SandboxResource.OpportunityStatus, NoEdit(Setting(SandboxResource.OpportunityStatus, ref rng, 1, 1)));

        var emailTemplates = Math.Min(40, 3 + Options.Leads / 25);
        for (var i = 0; i < emailTemplates; i++) Add(SandboxResource.EmailTemplate, Setting(SandboxResource.EmailTemplate, ref rng));
        var smsTemplates = Math.Min(20, 2 + Options.Leads / 50);
        for (var i = 0; i < smsTemplates; i++) Add(SandboxResource.SmsTemplate, Setting(SandboxResource.SmsTemplate, ref rng));
        var sequences = Math.Min(20, 2 + Options.Leads / 50);
        for (var i = 0; i < sequences; i++) Add(SandboxResource.Sequence, Setting(SandboxResource.Sequence, ref rng, 0, i % emailTemplates));
        for (var i = 0; i < 3; i++) Add(SandboxResource.CustomActivityType, Setting(SandboxResource.CustomActivityType, ref rng));
        for (var i = 0; i < 2; i++) Add(SandboxResource.CustomObjectType, Setting(SandboxResource.CustomObjectType, ref rng));
        var views = 4 + users * 2;
        for (var i = 0; i < views; i++) Add(SandboxResource.SavedSearch, Setting(SandboxResource.SavedSearch, ref rng, i % 3 == 2 ? 1 : 0));
        for (var i = 0; i < DirectoryObjectRenderer.RoleNames.Length; i++) Add(SandboxResource.Role, NoEdit(Setting(SandboxResource.Role, ref rng)));
        var groups = 1 + users / 3;
        for (var i = 0; i < groups; i++) Add(SandboxResource.Group, Setting(SandboxResource.Group, ref rng));
        // One number per user, then two shared (group) numbers.
        for (var i = 0; i < users + 2; i++) Add(SandboxResource.PhoneNumber, Setting(SandboxResource.PhoneNumber, ref rng, i < users ? 0 : 1, i < users ? i : -1));

        // Objects that hang off leads: created after their lead (and contact, activity), before the lead's planned deletion or merge.
        var dep = Mix.Of(Seed, 81);
        long After(ref Mix m, long from, int lead)
        {
            var cap = caps.TryGetValue(lead, out var t) ? t : start;
            return cap <= from ? from : SandboxTime.Truncate(from + m.NextLong(cap - from));
        }
        ObjectState Dependent(SandboxResource resource, ref Mix m, int lead, long notBefore, int reference, int contact = -1, int type = 0)
        {
            var s = NewState(Table(resource).Count, After(ref m, notBefore, lead), lead);
            s.CreatedBy = s.UpdatedBy = (short)m.Next(users);
            s.Ref = reference;
            s.Contact = contact;
            s.Type = (byte)type;
            if (m.Chance(0.3)) { s.Updated = After(ref m, s.Created, lead); s.Version = s.Updated > s.Created ? 1 : 0; s.UpdatedBy = (short)m.Next(users); }
            return s;
        }

        var subscriptions = Options.Leads / 4;
        for (var k = 0; k < subscriptions; k++)
        {
            var lead = dep.Next(_leads.Count);
            var contact = FirstLive(_contacts, _leadLinks[lead].FirstContact);
            if (contact < 0) continue;
            Add(SandboxResource.SequenceSubscription,
                Dependent(SandboxResource.SequenceSubscription, ref dep, lead, _contacts[contact].Created, dep.Next(sequences), contact, dep.Next(3)));
        }
        var customObjects = Options.Leads / 5;
        for (var k = 0; k < customObjects; k++)
        {
            var lead = dep.Next(_leads.Count);
            Add(SandboxResource.CustomObject, Dependent(SandboxResource.CustomObject, ref dep, lead, _leads[lead].Created, dep.Next(2)));
        }
        var threads = _activities.Count == 0 ? 0 : Math.Max(2, _activities.Count / 50);
        for (var k = 0; k < threads; k++)
        {
            var a = _activities[dep.Next(_activities.Count)];
            var thread = Dependent(SandboxResource.CommentThread, ref dep, a.Lead, a.Created, a.Number, type: a.Type);
            Add(SandboxResource.CommentThread, thread);
            var comments = 1 + dep.Next(3);
            for (var c = 0; c < comments; c++)
                Add(SandboxResource.Comment, Dependent(SandboxResource.Comment, ref dep, a.Lead, thread.Created, thread.Number));
        }
    }

    private static ObjectState NoEdit(ObjectState s)
    {
        // Statuses and roles in use keep their generated label, so leads and opportunities agree with them.
        s.Updated = s.Created;
        s.Version = 0;
        s.UpdatedBy = s.CreatedBy;
        return s;
    }

    internal static byte StatusTypeCode(string type) => (byte)Array.IndexOf(DirectoryObjectRenderer.OpportunityStatusTypes, type);
}
