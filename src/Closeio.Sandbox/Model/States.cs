namespace Closeio.Sandbox;

/// <summary>
/// The stored state of one user, custom field, lead, contact, opportunity, task or activity. Its
/// content is not stored: renderers derive it from (seed, number, version), so a million
/// activities cost a few dozen bytes each.
/// </summary>
internal struct ObjectState
{
    public long Created;
    public long Updated;
    /// <summary>The object's number: its id encodes it; ascending number = ascending id.</summary>
    public int Number;
    /// <summary>Parent lead number (a lead's own number for leads; -1 for users and custom fields).</summary>
    public int Lead;
    /// <summary>Content version: bumps on every update that changes rendered fields.</summary>
    public int Version;
    /// <summary>Type-specific reference: task object (activity/opportunity number), activity opportunity, custom field kind.</summary>
    public int Ref;
    /// <summary>The contact the object is about, or -1.</summary>
    public int Contact;
    /// <summary>Next sibling in the parent lead's list of contacts, opportunities or tasks (-1 ends it).</summary>
    public int Next;
    public short CreatedBy;
    public short UpdatedBy;
    /// <summary>Activity type, task type or custom field type code (see <see cref="Catalog"/>).</summary>
    public byte Type;
    public bool Deleted;
}

/// <summary>A lead's child lists (heads of the linked lists through <see cref="ObjectState.Next"/>).</summary>
internal struct LeadLinks
{
    public int FirstContact;
    public int FirstOpportunity;
    public int FirstTask;

    public static LeadLinks Empty => new() { FirstContact = -1, FirstOpportunity = -1, FirstTask = -1 };
}

/// <summary>Event log actions (stored code = index).</summary>
internal static class EventActions
{
    public const byte Created = 0, Updated = 1, Deleted = 2, Merged = 3;
    public static readonly string[] Names = ["created", "updated", "deleted", "merged"];
}

/// <summary>
/// One event log entry. It records the object's state before and after the change (version,
/// date_updated, lead, user), which is enough to re-render data, previous_data and changed_fields.
/// </summary>
internal struct EventState
{
    public long Created;
    public long Updated;
    public long ObjectUpdated;
    public long PreviousObjectUpdated;
    public int Number;
    public int ObjectNumber;
    public int Lead;
    public int PreviousLead;
    public int Version;
    public int PreviousVersion;
    /// <summary>For merges: the source lead number; else -1.</summary>
    public int MergeSource;
    public int Request;
    public short User;
    public short PreviousUser;
    public byte Resource;
    public byte Action;
    /// <summary>Activity type code, or custom field kind.</summary>
    public byte Subtype;
    /// <summary>Replaced by a later copy (consolidation moved its date_updated).</summary>
    public bool Superseded;
}
