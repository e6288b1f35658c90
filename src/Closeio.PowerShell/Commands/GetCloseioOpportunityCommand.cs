namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioOpportunity. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioOpportunity.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioOpportunity", DefaultParameterSetName = Filter, SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioOpportunity.md")]
[OutputType("Closeio.Opportunity")]
public sealed class GetCloseioOpportunityCommand : CloseioLeadObjectCmdlet
{
    /// <summary>Only opportunities whose status is of this type.</summary>
    [Parameter]
    [ValidateSet("active", "won", "lost", IgnoreCase = true)]
    public string? StatusType { get; set; }

    private protected override RecordQuery CreateQuery(string? id, string? leadId) => new OpportunityQuery
    {
        Id = id,
        LeadId = leadId,
        StatusType = StatusType,
        UpdatedAfter = ToInstant(UpdatedAfter),
        UpdatedBefore = ToInstant(UpdatedBefore),
        Properties = SplitList(Property),
    };
}
