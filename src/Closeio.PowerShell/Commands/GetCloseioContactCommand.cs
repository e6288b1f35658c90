namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioContact. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioContact.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioContact", DefaultParameterSetName = Filter, SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioContact.md")]
[OutputType("Closeio.Contact")]
public sealed class GetCloseioContactCommand : CloseioLeadObjectCmdlet
{
    private protected override RecordQuery CreateQuery(string? id, string? leadId) => new ContactQuery
    {
        Id = id,
        LeadId = leadId,
        UpdatedAfter = ToInstant(UpdatedAfter),
        UpdatedBefore = ToInstant(UpdatedBefore),
        Properties = SplitList(Property),
    };
}
