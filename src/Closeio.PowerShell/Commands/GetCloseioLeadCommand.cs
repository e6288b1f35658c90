namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioLead. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioLead.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioLead", DefaultParameterSetName = Filter, SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioLead.md")]
[OutputType("Closeio.Lead")]
public sealed class GetCloseioLeadCommand : CloseioQueryCmdlet
{
    private const string ById = "Id";
    private const string Filter = "Filter";

    /// <summary>Lead ids (lead_...); ids piped in as text, or the id of a lead piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only leads updated at or after this time.</summary>
    [Parameter(ParameterSetName = Filter)]
    public DateTime? UpdatedAfter { get; set; }

    /// <summary>Only leads updated before this time.</summary>
    [Parameter(ParameterSetName = Filter)]
    public DateTime? UpdatedBefore { get; set; }

    /// <summary>Only these properties (field or custom field names); id and date_updated are always kept.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }

    /// <summary>Reads the leads.</summary>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == ById)
        {
            foreach (var id in Id)
                Emit(new LeadQuery { Id = id, Properties = SplitList(Property) }, id);
            return;
        }

        Emit(new LeadQuery
        {
            UpdatedAfter = ToInstant(UpdatedAfter),
            UpdatedBefore = ToInstant(UpdatedBefore),
            Properties = SplitList(Property),
        });
    }
}
