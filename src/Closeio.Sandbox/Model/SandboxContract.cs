// CONTRACT between the Sandbox's organization model (Model/) and its HTTP layer (Api/).
// The signatures here are fixed; bodies are filled in by the Model's owner.
using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>How big an organization to generate, and from which seed.</summary>
public sealed record SandboxOptions
{
    public int Seed { get; init; } = 1;
    public int Users { get; init; } = 5;
    public int Leads { get; init; } = 50;
    /// <summary>Total activities across all leads (all ten types).</summary>
    public int Activities { get; init; } = 500;
    /// <summary>Total tasks across all eight task types.</summary>
    public int Tasks { get; init; } = 100;
    /// <summary>How far back creation dates reach from the clock's start.</summary>
    public int HistoryDays { get; init; } = 365;
    /// <summary>
    /// Choices fields accept several values (<c>accepts_multiple_values</c>), and their values are lists,
    /// as Close sends them for such fields. Off by default.
    /// </summary>
    public bool MultipleValueChoices { get; init; }
}

/// <summary>The object kinds the Sandbox holds.</summary>
public enum SandboxResource
{
    User, CustomField, Lead, Contact, Opportunity, Task, Activity, Event,
    // The objects beyond the seed streams (see SandboxOrganization.Directory.cs); appended so the first eight keep their values.
    LeadStatus, OpportunityStatus, Pipeline, EmailTemplate, SmsTemplate, Sequence, SequenceSubscription,
    CustomActivityType, CustomObjectType, CustomObject, SavedSearch, Role, Group, PhoneNumber, CommentThread, Comment,
}

/// <summary>
/// A light handle on one object: cheap to filter, sort and skip; <see cref="Render"/> builds the
/// full JSON (Close's shape) only for objects that are actually returned.
/// </summary>
public abstract class SandboxItem
{
    public abstract SandboxResource Resource { get; }
    public abstract string Id { get; }
    /// <summary>Activity `_type` (Call, Email, ...), task `_type`, custom field kind, event object_type; else null.</summary>
    public abstract string? Type { get; }
    public abstract string? LeadId { get; }
    public abstract DateTimeOffset DateCreated { get; }
    public abstract DateTimeOffset DateUpdated { get; }
    /// <summary>The full object as Close returns it (timestamps as strings, Close's field names).</summary>
    public abstract JsonObject Render();
}
