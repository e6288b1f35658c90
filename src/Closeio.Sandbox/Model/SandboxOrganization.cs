using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>One change made to the organization (Action: created, updated, deleted or merged).</summary>
public sealed record SandboxChange(string Action, SandboxResource Resource, string Id);

/// <summary>A generated Close organization: reads, mutations and the event log.</summary>
public sealed partial class SandboxOrganization
{
    public static SandboxOrganization Generate(SandboxOptions options, TimeProvider clock) => throw new NotImplementedException();
    public SandboxOptions Options => throw new NotImplementedException();
    public TimeProvider Clock => throw new NotImplementedException();
    public string OrganizationId => throw new NotImplementedException();
    public string OrganizationName => throw new NotImplementedException();
    public SandboxItem Me => throw new NotImplementedException();
    public JsonObject RenderMe() => throw new NotImplementedException();
    public IEnumerable<SandboxItem> Users() => throw new NotImplementedException();
    public IEnumerable<SandboxItem> CustomFields(string kind) => throw new NotImplementedException();
    public IEnumerable<SandboxItem> Leads() => throw new NotImplementedException();
    public IEnumerable<SandboxItem> Contacts(string? leadId = null) => throw new NotImplementedException();
    public IEnumerable<SandboxItem> Opportunities(string? leadId = null) => throw new NotImplementedException();
    public IEnumerable<SandboxItem> Tasks(string? leadId = null) => throw new NotImplementedException();
    public IEnumerable<SandboxItem> Activities(DateTimeOffset? createdOnOrAfter, DateTimeOffset? createdBefore, string? leadId = null, string? type = null) => throw new NotImplementedException();
    public IEnumerable<SandboxItem> Events() => throw new NotImplementedException();
    public SandboxItem? Find(SandboxResource resource, string id) => throw new NotImplementedException();
    public int Count(SandboxResource resource) => throw new NotImplementedException();
    public SandboxItem CreateLead() => throw new NotImplementedException();
    public SandboxItem UpdateLead(string id) => throw new NotImplementedException();
    public void DeleteLead(string id) => throw new NotImplementedException();
    public void MergeLeads(string sourceLeadId, string destinationLeadId) => throw new NotImplementedException();
    public SandboxItem CreateContact(string leadId) => throw new NotImplementedException();
    public SandboxItem UpdateContact(string id) => throw new NotImplementedException();
    public void DeleteContact(string id) => throw new NotImplementedException();
    public SandboxItem CreateOpportunity(string leadId) => throw new NotImplementedException();
    public SandboxItem UpdateOpportunity(string id) => throw new NotImplementedException();
    public void DeleteOpportunity(string id) => throw new NotImplementedException();
    public SandboxItem CreateTask(string leadId, string? type = null) => throw new NotImplementedException();
    public SandboxItem UpdateTask(string id) => throw new NotImplementedException();
    public void DeleteTask(string id) => throw new NotImplementedException();
    public SandboxItem CreateActivity(string leadId, string? type = null) => throw new NotImplementedException();
    public SandboxItem UpdateActivity(string id) => throw new NotImplementedException();
    public void DeleteActivity(string id) => throw new NotImplementedException();
    public SandboxItem UpdateUser(string id) => throw new NotImplementedException();
    public SandboxItem CreateCustomField(string kind) => throw new NotImplementedException();
    public SandboxItem UpdateCustomField(string id) => throw new NotImplementedException();
    public void ConsolidateEvent(string eventId) => throw new NotImplementedException();
    public SandboxChange RandomChange(Random rng) => throw new NotImplementedException();
}
