namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioContact. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioContact.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioContact", DefaultParameterSetName = Filter, SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioContact.md")]
[OutputType("Closeio.Contact")]
public sealed class GetCloseioContactCommand : CloseioQueryCmdlet
{
    private const string ById = "Id";
    private const string Filter = "Filter";

    /// <summary>Contact ids (cont_...); ids piped in as text, or the id of an object piped in (a lead's id reads its contacts).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only the contacts of these leads; a piped object's lead_id binds here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = Filter)]
    [Alias("lead_id")]
    [ValidateNotNullOrEmpty]
    public string[]? LeadId { get; set; }

    /// <summary>Only contacts updated at or after this time.</summary>
    [Parameter]
    public DateTime? UpdatedAfter { get; set; }

    /// <summary>Only contacts updated before this time.</summary>
    [Parameter]
    public DateTime? UpdatedBefore { get; set; }

    /// <summary>Only these properties (field or custom field names); id and date_updated are always kept.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }

    /// <summary>Reads the contacts.</summary>
    protected override void ProcessRecord()
    {
        // An id of the Id set, or a lead of the Filter set (every lead when none is given).
        var byId = ParameterSetName == ById;
        string?[] targets = byId ? Id : LeadId is { Length: > 0 } leads ? leads : [null];
        foreach (var target in targets)
        {
            Emit(new ContactQuery
            {
                Id = byId ? target : null,
                LeadId = byId ? null : target,
                UpdatedAfter = ToInstant(UpdatedAfter),
                UpdatedBefore = ToInstant(UpdatedBefore),
                Properties = SplitList(Property),
            }, target);
        }
    }
}
