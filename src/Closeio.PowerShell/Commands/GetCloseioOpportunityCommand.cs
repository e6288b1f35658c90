namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioOpportunity. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioOpportunity.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioOpportunity", DefaultParameterSetName = Filter, SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioOpportunity.md")]
[OutputType("Closeio.Opportunity")]
public sealed class GetCloseioOpportunityCommand : CloseioQueryCmdlet
{
    private const string ById = "Id";
    private const string Filter = "Filter";

    /// <summary>Opportunity ids (oppo_...); ids piped in as text, or the id of an object piped in (a lead's id reads its opportunities).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only the opportunities of these leads; a piped object's lead_id binds here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = Filter)]
    [Alias("lead_id")]
    [ValidateNotNullOrEmpty]
    public string[]? LeadId { get; set; }

    /// <summary>Only opportunities whose status is of this type.</summary>
    [Parameter]
    [ValidateSet("active", "won", "lost", IgnoreCase = true)]
    public string? StatusType { get; set; }

    /// <summary>Only opportunities updated at or after this time.</summary>
    [Parameter]
    public DateTime? UpdatedAfter { get; set; }

    /// <summary>Only opportunities updated before this time.</summary>
    [Parameter]
    public DateTime? UpdatedBefore { get; set; }

    /// <summary>Only these properties (field or custom field names); id and date_updated are always kept.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }

    /// <summary>Reads the opportunities.</summary>
    protected override void ProcessRecord()
    {
        // An id of the Id set, or a lead of the Filter set (every lead when none is given).
        var byId = ParameterSetName == ById;
        string?[] targets = byId ? Id : LeadId is { Length: > 0 } leads ? leads : [null];
        foreach (var target in targets)
        {
            Emit(new OpportunityQuery
            {
                Id = byId ? target : null,
                LeadId = byId ? null : target,
                StatusType = StatusType,
                UpdatedAfter = ToInstant(UpdatedAfter),
                UpdatedBefore = ToInstant(UpdatedBefore),
                Properties = SplitList(Property),
            }, target);
        }
    }
}
