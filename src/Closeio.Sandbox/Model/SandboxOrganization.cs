using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>One change made to the organization (Action: created, updated, deleted or merged).</summary>
public sealed record SandboxChange(string Action, SandboxResource Resource, string Id);

/// <summary>
/// A generated Close organization: users, custom fields, leads and their children, activities and
/// the event log. Objects are stored as compact states and rendered on demand. Reads and mutations
/// are thread-safe: every access to the tables happens under one lock, and enumerations copy small
/// batches of handles under it, so a reader never holds the lock while its caller works.
/// </summary>
public sealed partial class SandboxOrganization
{
    private const int BatchSize = 256;
    internal static readonly TimeSpan EventRetention = TimeSpan.FromDays(30);

    private readonly object _gate = new();
    private readonly RecordTable<ObjectState> _users = new();
    private readonly RecordTable<ObjectState> _customFields = new();
    private readonly RecordTable<ObjectState> _leads;
    private readonly RecordTable<LeadLinks> _leadLinks;
    private readonly RecordTable<ObjectState> _contacts;
    private readonly RecordTable<ObjectState> _opportunities;
    private readonly RecordTable<ObjectState> _tasks;
    /// <summary>Sorted by (Created, Number): appends keep it sorted because time only moves forward.</summary>
    private readonly RecordTable<ObjectState> _activities;
    /// <summary>Activity number → position in <see cref="_activities"/>.</summary>
    private readonly RecordTable<int> _activityPositions;
    /// <summary>Sorted by Updated; consolidation appends a copy and marks the old entry superseded.</summary>
    private readonly RecordTable<EventState> _events = new(1024);
    private readonly RecordTable<int> _eventPositions = new(1024);
    private readonly int[] _live = new int[Enum.GetValues<SandboxResource>().Length];
    /// <summary>Custom field states, replaced whole on change so renderers read them without the lock.</summary>
    private ObjectState[] _customFieldSnapshot = [];
    private string[] _customFieldIds = [];
    private string[] _userIds = [];
    /// <summary>High-water mark of written times: keeps the sorted tables sorted even if a clock stepped back.</summary>
    private long _floor;
    private int _requests;

    private SandboxOrganization(SandboxOptions options, TimeProvider clock)
    {
        Options = options;
        Clock = clock;
        Seed = options.Seed;
        _leads = new RecordTable<ObjectState>(options.Leads + 16);
        _leadLinks = new RecordTable<LeadLinks>(options.Leads + 16);
        _contacts = new RecordTable<ObjectState>(options.Leads * 2 + 16);
        _opportunities = new RecordTable<ObjectState>(options.Leads + 16);
        _tasks = new RecordTable<ObjectState>(options.Tasks + 16);
        _activities = new RecordTable<ObjectState>(options.Activities + 16);
        _activityPositions = new RecordTable<int>(options.Activities + 16);
        OrganizationId = CloseId.Make("orga_", Seed, 0);
        var mix = Mix.Of(Seed, 1);
        OrganizationName = $"{mix.Pick(Vocabulary.CompanyWords)} {mix.Pick(Vocabulary.CompanySuffixes)} (Sandbox)";
    }

    /// <summary>Generates an organization; the same options and clock start give the identical organization.</summary>
    public static SandboxOrganization Generate(SandboxOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.Users < 1 || options.Leads < 1 || options.Activities < 0 || options.Tasks < 0 || options.HistoryDays < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Users, Leads and HistoryDays must be at least 1; Activities and Tasks not negative.");
        var org = new SandboxOrganization(options, clock);
        org.Populate();
        return org;
    }

    /// <summary>The options the organization was generated from.</summary>
    public SandboxOptions Options { get; }
    /// <summary>The clock that stamps every change and bounds the event log's 30 days.</summary>
    public TimeProvider Clock { get; }
    /// <summary>The organization's id (<c>orga_...</c>).</summary>
    public string OrganizationId { get; }
    /// <summary>The organization's display name.</summary>
    public string OrganizationName { get; }
    internal int Seed { get; }

    /// <summary>The user behind the API key: the first user.</summary>
    public SandboxItem Me
    {
        get { lock (_gate) return new ObjectItem(this, SandboxResource.User, _users[0]); }
    }

    /// <summary>The body of <c>GET /me/</c>: the user plus the organizations it belongs to.</summary>
    public JsonObject RenderMe()
    {
        var me = Me.Render();
        me["organizations"] = new JsonArray(DirectoryRenderer.RenderOrganization(this));
        return me;
    }

    // ---- reads ----

    /// <summary>Users, ascending id.</summary>
    public IEnumerable<SandboxItem> Users() =>
        Batched(() => (0, _users.Count), 1, i => Item(SandboxResource.User, _users[i]));

    /// <summary>Custom fields of one kind (lead, contact, opportunity, activity, shared), ascending id.</summary>
    public IEnumerable<SandboxItem> CustomFields(string kind)
    {
        var k = Catalog.Kind(kind);
        return Batched(() => (0, _customFields.Count), 1,
            i => _customFields[i].Ref == k ? Item(SandboxResource.CustomField, _customFields[i]) : null);
    }

    /// <summary>Live leads, ascending id.</summary>
    public IEnumerable<SandboxItem> Leads() =>
        Batched(() => (0, _leads.Count), 1, i => Item(SandboxResource.Lead, _leads[i]));

    /// <summary>Live contacts, ascending id; of one lead when <paramref name="leadId"/> is given.</summary>
    public IEnumerable<SandboxItem> Contacts(string? leadId = null) => Children(SandboxResource.Contact, _contacts, leadId);

    /// <summary>Live opportunities, ascending id; of one lead when <paramref name="leadId"/> is given.</summary>
    public IEnumerable<SandboxItem> Opportunities(string? leadId = null) => Children(SandboxResource.Opportunity, _opportunities, leadId);

    /// <summary>Live tasks of all eight types, ascending id; of one lead when <paramref name="leadId"/> is given.</summary>
    public IEnumerable<SandboxItem> Tasks(string? leadId = null) => Children(SandboxResource.Task, _tasks, leadId);

    /// <summary>
    /// Live activities, newest first by DateCreated (ties: id descending), created in
    /// [<paramref name="createdOnOrAfter"/>, <paramref name="createdBefore"/>). The range is found by
    /// binary search; lead and type (Call, Email, ...) filter within it.
    /// </summary>
    public IEnumerable<SandboxItem> Activities(DateTimeOffset? createdOnOrAfter, DateTimeOffset? createdBefore, string? leadId = null, string? type = null)
    {
        var typeCode = Catalog.ActivityType(type);
        if (typeCode == -2) return [];
        var lead = -1;
        if (leadId is not null && (lead = CloseId.Parse("lead_", Seed, leadId)) < 0) return [];
        // Ticks of the bounds; the stored times are whole microseconds, the bounds need not be.
        var from = createdOnOrAfter?.UtcTicks ?? long.MinValue;
        var before = createdBefore?.UtcTicks ?? long.MaxValue;
        return Batched(() =>
            {
                var lo = LowerBound(_activities, from, static s => s.Created);
                var hi = LowerBound(_activities, before, static s => s.Created);
                return (hi - 1, lo - 1);
            }, -1,
            i =>
            {
                ref var s = ref _activities[i];
                if ((lead >= 0 && s.Lead != lead) || (typeCode >= 0 && s.Type != typeCode)) return null;
                return Item(SandboxResource.Activity, s);
            });
    }

    /// <summary>Events of the last 30 days (by <see cref="Clock"/>), newest first by DateUpdated.</summary>
    public IEnumerable<SandboxItem> Events()
    {
        var cutoff = Clock.GetUtcNow().UtcTicks - EventRetention.Ticks;
        return Batched(() => (_events.Count - 1, LowerBound(_events, cutoff, static e => e.Updated) - 1), -1,
            i => _events[i].Superseded ? null : new EventItem(this, _events[i]));
    }

    /// <summary>The live object with this id, or null.</summary>
    public SandboxItem? Find(SandboxResource resource, string id)
    {
        lock (_gate)
        {
            switch (resource)
            {
                case SandboxResource.Event:
                    var e = CloseId.Parse("ev_", Seed, id);
                    if (e < 0 || e >= _eventPositions.Count) return null;
                    var ev = _events[_eventPositions[e]];
                    return ev.Updated >= Clock.GetUtcNow().UtcTicks - EventRetention.Ticks ? new EventItem(this, ev) : null;
                case SandboxResource.Activity:
                    var a = CloseId.Parse(IdPrefix(resource), Seed, id);
                    return a < 0 || a >= _activityPositions.Count ? null : Item(resource, _activities[_activityPositions[a]]);
                default:
                    var table = Table(resource);
                    var n = NumberOf(resource, id);
                    if (n < 0 || n >= table.Count || OrphanedByLead(resource, table[n])) return null;
                    return Item(resource, table[n]);
            }
        }
    }

    /// <summary>How many live objects of a kind there are (events: those <see cref="Events"/> returns).</summary>
    public int Count(SandboxResource resource)
    {
        lock (_gate)
        {
            if (resource != SandboxResource.Event) return _live[(int)resource];
            var cutoff = Clock.GetUtcNow().UtcTicks - EventRetention.Ticks;
            var count = 0;
            for (var i = _events.Count - 1; i >= 0 && _events[i].Updated >= cutoff; i--)
                if (!_events[i].Superseded) count++;
            return count;
        }
    }

    // ---- helpers shared by the partial files and the renderers ----

    internal static string IdPrefix(SandboxResource resource) => resource switch
    {
        SandboxResource.User => "user_",
        SandboxResource.CustomField => "cf_",
        SandboxResource.Lead => "lead_",
        SandboxResource.Contact => "cont_",
        SandboxResource.Opportunity => "oppo_",
        SandboxResource.Task => "task_",
        SandboxResource.Activity => "acti_",
        SandboxResource.Event => "ev_",
        _ => DirectoryKinds.Of(resource).Prefix,
    };

    internal string IdOf(SandboxResource resource, int number)
    {
        // Users and custom fields are few and named on nearly every render: their ids are cached.
        if (resource == SandboxResource.User && (uint)number < (uint)_userIds.Length) return _userIds[number];
        if (resource == SandboxResource.CustomField && Volatile.Read(ref _customFieldIds) is var ids && (uint)number < (uint)ids.Length) return ids[number];
        // Opportunity statuses share the stat_ prefix with lead statuses: their numbers start at 100 (see Names).
        if (resource == SandboxResource.OpportunityStatus) number += OpportunityStatusIdBase;
        return CloseId.Make(IdPrefix(resource), Seed, number);
    }

    internal string? IdOrNull(SandboxResource resource, int number) => number < 0 ? null : IdOf(resource, number);

    internal ObjectState[] CustomFieldSnapshot => Volatile.Read(ref _customFieldSnapshot);

    /// <summary>Users are only generated, never added later, so the count is fixed.</summary>
    internal int UserCount => _userIds.Length;

    /// <summary>A consistent copy of a lead's live children, ascending id (for rendering a lead).</summary>
    internal (ObjectState[] Contacts, ObjectState[] Opportunities, ObjectState[] Tasks) ChildrenOf(int lead)
    {
        lock (_gate)
        {
            if (lead < 0 || lead >= _leadLinks.Count) return ([], [], []);
            var links = _leadLinks[lead];
            return (Collect(_contacts, links.FirstContact), Collect(_opportunities, links.FirstOpportunity), Collect(_tasks, links.FirstTask));
        }
    }

    /// <summary>The current state of a contact (for names shown on other objects), or null.</summary>
    internal ObjectState? ContactState(int number)
    {
        lock (_gate) return number >= 0 && number < _contacts.Count ? _contacts[number] : null;
    }

    internal ObjectState? OpportunityState(int number)
    {
        lock (_gate) return number >= 0 && number < _opportunities.Count ? _opportunities[number] : null;
    }

    private RecordTable<ObjectState> Table(SandboxResource resource) => resource switch
    {
        SandboxResource.User => _users,
        SandboxResource.CustomField => _customFields,
        SandboxResource.Lead => _leads,
        SandboxResource.Contact => _contacts,
        SandboxResource.Opportunity => _opportunities,
        SandboxResource.Task => _tasks,
        SandboxResource.Activity => _activities,
        _ => _directory.TryGetValue(resource, out var table) ? table : throw new ArgumentOutOfRangeException(nameof(resource)),
    };

    private SandboxItem? Item(SandboxResource resource, in ObjectState state) =>
        state.Deleted ? null : new ObjectItem(this, resource, state);

    private static ObjectState[] Collect(RecordTable<ObjectState> table, int head)
    {
        var list = new List<ObjectState>();
        for (var i = head; i >= 0; i = table[i].Next)
            if (!table[i].Deleted) list.Add(table[i]);
        list.Sort(static (a, b) => a.Number.CompareTo(b.Number));
        return [.. list];
    }

    private IEnumerable<SandboxItem> Children(SandboxResource resource, RecordTable<ObjectState> table, string? leadId)
    {
        if (leadId is null)
            return Batched(() => (0, table.Count), 1, i => Item(resource, table[i]));
        var lead = CloseId.Parse("lead_", Seed, leadId);
        return ChildrenOfLead(resource, lead);
    }

    private IEnumerable<SandboxItem> ChildrenOfLead(SandboxResource resource, int lead)
    {
        var (contacts, opportunities, tasks) = ChildrenOf(lead);
        var states = resource switch { SandboxResource.Contact => contacts, SandboxResource.Opportunity => opportunities, _ => tasks };
        foreach (var s in states) yield return new ObjectItem(this, resource, s);
    }

    /// <summary>
    /// Walks positions from start towards stop (exclusive) by step, picking items under the lock a
    /// batch at a time and yielding them outside it. Bounds are computed under the lock on first use.
    /// </summary>
    private IEnumerable<SandboxItem> Batched(Func<(int Start, int Stop)> bounds, int step, Func<int, SandboxItem?> pick)
    {
        int i, stop;
        lock (_gate) (i, stop) = bounds();
        var buffer = new List<SandboxItem>(BatchSize);
        while (step > 0 ? i < stop : i > stop)
        {
            buffer.Clear();
            lock (_gate)
            {
                for (var k = 0; k < BatchSize && (step > 0 ? i < stop : i > stop); k++, i += step)
                    if (pick(i) is { } item) buffer.Add(item);
            }
            foreach (var item in buffer) yield return item;
        }
    }

    /// <summary>First position whose key is ≥ <paramref name="value"/> (table sorted by that key).</summary>
    private static int LowerBound<T>(RecordTable<T> table, long value, Func<T, long> key) where T : struct
    {
        int lo = 0, hi = table.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (key(table[mid]) < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

public sealed partial class SandboxOrganization
{
    /// <summary>The stored state of any object by number, deleted or not (for rendering events).</summary>
    internal ObjectState StateOf(SandboxResource resource, int number)
    {
        lock (_gate)
            return resource == SandboxResource.Activity ? _activities[_activityPositions[number]] : Table(resource)[number];
    }
}
