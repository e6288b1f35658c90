namespace Closeio.Sandbox;

// Generation: builds the whole organization from one seeded random stream, then replays a few
// deletions and merges inside the event log's 30 days, so the history holds every kind of event.
public sealed partial class SandboxOrganization
{
    private const byte PlanNone = 0, PlanDelete = 1, PlanMergeSource = 2, PlanMergeDestination = 3;

    private void Populate()
    {
        lock (_gate)
        {
            _pendingEvents = [];
            var start = SandboxTime.Ticks(Clock.GetUtcNow());
            var historyStart = start - Options.HistoryDays * TimeSpan.TicksPerDay;
            var windowStart = start - EventRetention.Ticks;
            var rng = Mix.Of(Seed, 2);
            var times = new GenerationTimes(ref rng, historyStart, windowStart, start, Options.Leads + Options.Activities / 10);

            GenerateUsers(ref rng, historyStart, start, times);
            GenerateCustomFields(ref rng, historyStart, start, times);
            var (plan, caps) = PlanHistoricalChanges(ref rng, windowStart, start);
            GenerateLeads(ref rng, historyStart, start, times, caps);
            GenerateActivities(ref rng, times, caps);
            GenerateTasks(ref rng, times, caps);
            GenerateDirectory(historyStart, windowStart, start, caps);
            WriteBaseEvents(windowStart);
            ReplayHistoricalChanges(ref rng, plan, caps, windowStart, start);
            PublishEvents(ref rng, start);
        }
    }

    private void GenerateUsers(ref Mix rng, long historyStart, long start, GenerationTimes times)
    {
        for (var u = 0; u < Options.Users; u++)
        {
            var s = NewState(u, historyStart - rng.NextLong(365 * TimeSpan.TicksPerDay), lead: -1);
            s.Created = SandboxTime.Truncate(s.Created);
            s.Updated = s.Created;
            if (rng.Chance(0.5)) { s.Updated = times.Pick(ref rng, s.Created, start); s.Version = 1; }
            _users.Add(s);
            _live[(int)SandboxResource.User]++;
        }
        _userIds = Enumerable.Range(0, _users.Count).Select(u => CloseId.Make(IdPrefix(SandboxResource.User), Seed, u)).ToArray();
    }

    private void GenerateCustomFields(ref Mix rng, long historyStart, long start, GenerationTimes times)
    {
        // Every kind gets every type, so a client meets each combination at the default size.
        for (var kind = 0; kind < Catalog.CustomObjectTypeKind; kind++)
        for (var type = 0; type < Catalog.CustomFieldTypes.Length; type++)
        {
            var s = NewState(_customFields.Count, SandboxTime.Truncate(historyStart - rng.NextLong(60 * TimeSpan.TicksPerDay)), lead: -1);
            s.Updated = s.Created;
            s.Type = (byte)type;
            s.Ref = kind;
            s.CreatedBy = s.UpdatedBy = RandomUser(ref rng);
            if (rng.Chance(0.3)) { s.Updated = times.Pick(ref rng, s.Created, start); s.Version = 1; s.UpdatedBy = RandomUser(ref rng); }
            _customFields.Add(s);
            _live[(int)SandboxResource.CustomField]++;
        }
        // Custom objects' fields draw from their own stream, so the rest of the organization is unchanged.
        var own = Mix.Of(Seed, 79);
        for (var type = 0; type < Catalog.CustomFieldTypes.Length; type++)
        {
            var s = NewState(_customFields.Count, SandboxTime.Truncate(historyStart - own.NextLong(60 * TimeSpan.TicksPerDay)), lead: -1);
            s.Updated = s.Created;
            s.Type = (byte)type;
            s.Ref = Catalog.CustomObjectTypeKind;
            s.CreatedBy = s.UpdatedBy = (short)own.Next(_users.Count);
            _customFields.Add(s);
            _live[(int)SandboxResource.CustomField]++;
        }
        PublishCustomFields();
    }

    /// <summary>
    /// Chooses the leads that will be deleted or merged inside the event window, and when. Their
    /// whole subtree is generated before that moment, so the replay never moves a time backwards.
    /// </summary>
    private (byte[] Plan, Dictionary<int, long> Caps) PlanHistoricalChanges(ref Mix rng, long windowStart, long start)
    {
        var plan = new byte[Options.Leads];
        var caps = new Dictionary<int, long>();
        if (Options.Leads < 10) return (plan, caps);
        int deletes = Math.Max(1, Options.Leads / 150), merges = Math.Max(1, Options.Leads / 300);
        for (var attempt = 0; attempt < (deletes + merges) * 20 && (deletes > 0 || merges > 0); attempt++)
        {
            var t = SandboxTime.Truncate(windowStart + rng.NextLong(start - windowStart));
            var a = rng.Next(Options.Leads);
            if (plan[a] != PlanNone) continue;
            if (deletes > 0)
            {
                plan[a] = PlanDelete;
                caps[a] = t;
                deletes--;
                continue;
            }
            var b = rng.Next(Options.Leads);
            if (b == a || plan[b] != PlanNone) continue;
            plan[a] = PlanMergeSource;
            plan[b] = PlanMergeDestination;
            caps[a] = caps[b] = t;
            // The destination is found again through the source's cap entry (see the replay).
            caps[-1 - a] = b;
            merges--;
        }
        return (plan, caps);
    }

    private static long Cap(Dictionary<int, long> caps, int lead, long start) => caps.TryGetValue(lead, out var t) ? t : start;

    private void GenerateLeads(ref Mix rng, long historyStart, long start, GenerationTimes times, Dictionary<int, long> caps)
    {
        for (var n = 0; n < Options.Leads; n++)
        {
            var cap = Cap(caps, n, start);
            var lead = NewState(n, times.Pick(ref rng, historyStart, cap), n);
            lead.CreatedBy = lead.UpdatedBy = RandomUser(ref rng);
            if (rng.Chance(0.55)) { lead.Updated = times.Pick(ref rng, lead.Created, cap); lead.Version = 1; lead.UpdatedBy = RandomUser(ref rng); }
            var links = LeadLinks.Empty;
            var contacts = rng.Chance(0.08) ? 0 : 1 + rng.Next(3);
            for (var c = 0; c < contacts; c++)
                links.FirstContact = AddGeneratedChild(ref rng, times, _contacts, SandboxResource.Contact, ref lead, links.FirstContact, -1, lead.Created, cap, 0.3);
            var opportunities = rng.Chance(0.55) ? 0 : 1 + rng.Next(2);
            for (var o = 0; o < opportunities; o++)
                links.FirstOpportunity = AddGeneratedChild(ref rng, times, _opportunities, SandboxResource.Opportunity, ref lead, links.FirstOpportunity, FirstLive(_contacts, links.FirstContact), lead.Created, cap, 0.5);
            _leads.Add(lead);
            _leadLinks.Add(links);
            _live[(int)SandboxResource.Lead]++;
        }
    }

    /// <summary>Adds one generated contact, opportunity or task; the lead's date_updated follows it.</summary>
    private int AddGeneratedChild(ref Mix rng, GenerationTimes times, RecordTable<ObjectState> table, SandboxResource resource,
        ref ObjectState lead, int head, int contact, long notBefore, long cap, double updateChance, byte type = 0, int reference = -1)
    {
        var s = NewState(table.Count, times.PickEarly(ref rng, notBefore, cap), lead.Number);
        s.CreatedBy = s.UpdatedBy = RandomUser(ref rng);
        if (rng.Chance(updateChance)) { s.Updated = times.PickEarly(ref rng, s.Created, cap); s.Version = 1; s.UpdatedBy = RandomUser(ref rng); }
        s.Contact = contact;
        s.Type = type;
        s.Ref = reference;
        s.Next = head;
        if (s.Updated > lead.Updated) { lead.Updated = s.Updated; lead.UpdatedBy = s.UpdatedBy; }
        _live[(int)resource]++;
        return table.Add(s);
    }

    private void GenerateActivities(ref Mix rng, GenerationTimes times, Dictionary<int, long> caps)
    {
        var start = times.End;
        for (var n = 0; n < Options.Activities; n++)
        {
            var leadNumber = rng.Next(_leads.Count);
            var lead = _leads[leadNumber];
            var links = _leadLinks[leadNumber];
            // The first ten cover every type, so even a tiny organization has each.
            var type = n < Catalog.WeightedActivityTypes ? n : Catalog.Weighted(ref rng, Catalog.ActivityWeights);
            // The later types replace a few drawn ones (the next four outright), from their own stream;
            // never a Created, whose time is drawn differently.
            var later = Mix.Of(Seed, 53, n);
            var extra = Catalog.ActivityTypes.Length - Catalog.WeightedActivityTypes;
            if (n >= Catalog.WeightedActivityTypes && type != Catalog.Created && (n < Catalog.WeightedActivityTypes + extra || later.Chance(0.04)))
                type = Catalog.WeightedActivityTypes + (n < Catalog.WeightedActivityTypes + extra ? n - Catalog.WeightedActivityTypes : later.Next(extra));
            var cap = Cap(caps, leadNumber, start);
            var created = type == Catalog.Created ? lead.Created : times.PickEarly(ref rng, lead.Created, cap);
            var s = NewState(n, created, leadNumber);
            s.Type = (byte)type;
            s.CreatedBy = s.UpdatedBy = RandomUser(ref rng);
            if (rng.Chance(0.15)) { s.Updated = times.PickEarly(ref rng, s.Created, cap); s.Version = 1; s.UpdatedBy = RandomUser(ref rng); }
            s.Contact = FirstLive(_contacts, links.FirstContact);
            s.Ref = type == Catalog.OpportunityStatusChange ? FirstLive(_opportunities, links.FirstOpportunity) : -1;
            _activities.Add(s);
            _live[(int)SandboxResource.Activity]++;
        }
        _activities.Sort(Comparer<ObjectState>.Create(static (a, b) =>
            a.Created != b.Created ? a.Created.CompareTo(b.Created) : a.Number.CompareTo(b.Number)));
        for (var i = 0; i < _activities.Count; i++) _activityPositions.Add(0);
        for (var i = 0; i < _activities.Count; i++) _activityPositions[_activities[i].Number] = i;
    }

    private void GenerateTasks(ref Mix rng, GenerationTimes times, Dictionary<int, long> caps)
    {
        var start = times.End;
        for (var n = 0; n < Options.Tasks; n++)
        {
            var type = n < Catalog.WeightedTaskTypes ? n : Catalog.Weighted(ref rng, Catalog.TaskWeights);
            // Outgoing call tasks replace some lead tasks (same draws), from their own stream.
            if (type == Catalog.TaskLead && n >= Catalog.WeightedTaskTypes && Mix.Of(Seed, 54, n).Chance(0.2)) type = Catalog.TaskOutgoingCall;
            int leadNumber = rng.Next(_leads.Count), reference = -1;
            var notBefore = long.MinValue;
            if (type == Catalog.TaskOpportunityDue && _opportunities.Count > 0)
            {
                var o = _opportunities[rng.Next(_opportunities.Count)];
                (leadNumber, reference, notBefore) = (o.Lead, o.Number, o.Created);
            }
            else if (Catalog.TaskObjectActivity[type] >= 0 && _activities.Count > 0)
            {
                // A missed call task points at a call, an email follow-up at a thread, and so on.
                for (var attempt = 0; attempt < 40; attempt++)
                {
                    var a = _activities[rng.Next(_activities.Count)];
                    if (a.Type != Catalog.TaskObjectActivity[type]) continue;
                    (leadNumber, reference, notBefore) = (a.Lead, a.Number, a.Created);
                    break;
                }
            }
            ref var lead = ref _leads[leadNumber];
            ref var links = ref _leadLinks[leadNumber];
            links.FirstTask = AddGeneratedChild(ref rng, times, _tasks, SandboxResource.Task, ref lead, links.FirstTask,
                FirstLive(_contacts, links.FirstContact), Math.Max(notBefore, lead.Created), Cap(caps, leadNumber, start), 0.4, (byte)type, reference);
        }
    }

    /// <summary>The created/updated events of everything generated, for changes inside the window.</summary>
    private void WriteBaseEvents(long windowStart)
    {
        void Write(SandboxResource resource, in ObjectState s, byte subtype)
        {
            var atCreation = s;
            atCreation.Version = 0;
            atCreation.Updated = s.Created;
            atCreation.UpdatedBy = s.CreatedBy;
            if (s.Created >= windowStart) EmitCreated(resource, subtype, atCreation, NextRequest());
            if (s.Updated > s.Created && s.Updated >= windowStart) EmitUpdated(resource, subtype, atCreation, s, NextRequest());
        }
        for (var i = 0; i < _customFields.Count; i++) Write(SandboxResource.CustomField, _customFields[i], (byte)_customFields[i].Ref);
        for (var i = 0; i < _leads.Count; i++) Write(SandboxResource.Lead, _leads[i], 0);
        for (var i = 0; i < _contacts.Count; i++) Write(SandboxResource.Contact, _contacts[i], 0);
        for (var i = 0; i < _opportunities.Count; i++) Write(SandboxResource.Opportunity, _opportunities[i], 0);
        for (var i = 0; i < _tasks.Count; i++) Write(SandboxResource.Task, _tasks[i], _tasks[i].Type);
        for (var i = 0; i < _activities.Count; i++) Write(SandboxResource.Activity, _activities[i], _activities[i].Type);
    }

    /// <summary>Applies the planned lead deletions and merges, and some activity deletions, in time order.</summary>
    private void ReplayHistoricalChanges(ref Mix rng, byte[] plan, Dictionary<int, long> caps, long windowStart, long start)
    {
        var changes = new List<(long At, int Kind, int A, int B)>();
        for (var n = 0; n < plan.Length; n++)
        {
            if (plan[n] == PlanDelete) changes.Add((caps[n], PlanDelete, n, -1));
            else if (plan[n] == PlanMergeSource) changes.Add((caps[n], PlanMergeSource, n, (int)caps[-1 - n]));
        }
        var activityDeletes = _activities.Count / 1000;
        for (var k = 0; k < activityDeletes; k++)
        {
            var position = rng.Next(_activities.Count);
            var a = _activities[position];
            var at = Math.Max(a.Updated, windowStart);
            changes.Add((SandboxTime.Truncate(at + rng.NextLong(start - at + 1)), 0, position, -1));
        }
        changes.Sort((x, y) => x.At != y.At ? x.At.CompareTo(y.At) : x.Kind != y.Kind ? x.Kind.CompareTo(y.Kind) : x.A.CompareTo(y.A));

        // One pass over the activities finds those of the planned leads, so the replay never scans a million per lead.
        var activitiesOf = new Dictionary<int, List<int>>();
        for (var i = 0; i < _activities.Count; i++)
        {
            var lead = _activities[i].Lead;
            if (plan[lead] == PlanNone) continue;
            if (!activitiesOf.TryGetValue(lead, out var list)) activitiesOf[lead] = list = [];
            list.Add(i);
        }

        foreach (var (at, kind, a, b) in changes)
        {
            var user = RandomUser(ref rng);
            switch (kind)
            {
                case PlanDelete:
                    DeleteLeadCore(a, at, user, NextRequest(), activitiesOf.GetValueOrDefault(a) ?? []);
                    break;
                case PlanMergeSource:
                    var moved = activitiesOf.GetValueOrDefault(a) ?? [];
                    MergeLeadsCore(a, b, at, user, NextRequest(), moved);
                    break;
                default:
                    ref var activity = ref _activities[a];
                    if (!activity.Deleted) DeleteCore(SandboxResource.Activity, ref activity, at, user, NextRequest());
                    break;
            }
        }
    }

    /// <summary>Sorts the collected events by date_updated, numbers them (ids follow time), consolidates a few.</summary>
    private void PublishEvents(ref Mix rng, long start)
    {
        var pending = _pendingEvents!;
        _pendingEvents = null;
        for (var i = 0; i < pending.Count; i++)
        {
            var e = pending[i];
            e.Number = i;
            // Close consolidates some events after writing them: their date_updated moves a little later.
            if (rng.Chance(0.01)) e.Updated = Math.Min(start, e.Updated + SandboxTime.Truncate(TimeSpan.TicksPerSecond + rng.NextLong(15 * TimeSpan.TicksPerMinute)));
            pending[i] = e;
        }
        pending.Sort(static (x, y) => x.Updated != y.Updated ? x.Updated.CompareTo(y.Updated) : x.Number.CompareTo(y.Number));
        for (var i = 0; i < pending.Count; i++)
        {
            var e = pending[i];
            e.Number = i;
            _events.Add(e);
            _eventPositions.Add(i);
        }
        _floor = start;
        if (_events.Count > 0) _floor = Math.Max(_floor, _events[_events.Count - 1].Updated);
        if (_activities.Count > 0) _floor = Math.Max(_floor, _activities[_activities.Count - 1].Created);
    }

    private short RandomUser(ref Mix rng) => (short)rng.Next(_users.Count);
}

/// <summary>
/// Draws generation times: mostly uniform, but some land exactly on shared "burst" instants (an
/// import, a bulk edit), so many records share a date to the microsecond, as in real organizations.
/// </summary>
internal sealed class GenerationTimes
{
    private readonly long[] _bursts;

    public GenerationTimes(ref Mix rng, long historyStart, long windowStart, long end, int volume)
    {
        End = end;
        var count = Math.Max(12, volume / 100);
        _bursts = new long[count];
        for (var i = 0; i < count; i++)
        {
            // Most over the whole history, some in the event window, a few in the last two days (where syncs look).
            var from = (i % 10) switch { < 7 => historyStart, < 9 => windowStart, _ => end - 2 * TimeSpan.TicksPerDay };
            from = Math.Max(from, historyStart);
            _bursts[i] = SandboxTime.Truncate(from + rng.NextLong(end - from));
        }
        Array.Sort(_bursts);
    }

    public long End { get; }

    /// <summary>A whole-microsecond time in [from, to].</summary>
    public long Pick(ref Mix rng, long from, long to)
    {
        if (to <= from) return from;
        if (rng.Chance(0.08))
        {
            var lo = Array.BinarySearch(_bursts, from);
            if (lo < 0) lo = ~lo;
            var hi = Array.BinarySearch(_bursts, to);
            hi = hi < 0 ? ~hi : hi + 1;
            if (hi > lo) return _bursts[lo + rng.Next(hi - lo)];
        }
        var t = SandboxTime.Truncate(from + rng.NextLong(to - from + 1));
        return t < from ? from : t;
    }

    /// <summary>
    /// Like <see cref="Pick"/>, but most times fall soon after <paramref name="from"/>: a lead's
    /// calls and emails bunch up after it is created, and edits follow soon after the thing edited.
    /// </summary>
    public long PickEarly(ref Mix rng, long from, long to)
    {
        if (to <= from || rng.Chance(0.08)) return Pick(ref rng, from, to);
        var u = rng.NextDouble();
        var t = SandboxTime.Truncate(from + (long)((to - from) * (u * u * u)));
        return Math.Clamp(t, from, to);
    }
}
