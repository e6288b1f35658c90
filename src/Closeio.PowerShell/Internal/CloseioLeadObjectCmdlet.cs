namespace Closeio.PowerShell.Internal;

/// <summary>
/// The Get-* cmdlets of objects that belong to a lead (opportunities, contacts): by id (ids piped in
/// as text, or a piped object's id; a lead's id reads its objects), by the leads named or piped in,
/// or all, in a <c>date_updated</c> range, with -Property. Each cmdlet says how to build its query.
/// </summary>
public abstract class CloseioLeadObjectCmdlet : CloseioQueryCmdlet
{
    /// <summary>The parameter set that reads by id.</summary>
    protected const string ById = "Id";

    /// <summary>The parameter set that reads by lead and range.</summary>
    protected const string Filter = "Filter";

    private static readonly string?[] AllLeads = [null];

    /// <summary>Object ids; ids piped in as text, or the id of an object piped in (a lead's id reads its objects).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ById)]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <summary>Only the objects of these leads; a piped object's lead_id binds here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = Filter)]
    [Alias("lead_id")]
    [ValidateNotNullOrEmpty]
    public string[]? LeadId { get; set; }

    /// <summary>Only objects updated at or after this time.</summary>
    [Parameter]
    public DateTime? UpdatedAfter { get; set; }

    /// <summary>Only objects updated before this time.</summary>
    [Parameter]
    public DateTime? UpdatedBefore { get; set; }

    /// <summary>Only these properties (field or custom field names); id and date_updated are always kept.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }

    /// <summary>The query of one id, or of one lead's objects (<paramref name="leadId"/>), or of all (both null).</summary>
    private protected abstract RecordQuery CreateQuery(string? id, string? leadId);

    /// <summary>Reads the objects: one query per id, per lead, or one for all.</summary>
    protected override void ProcessRecord()
    {
        var byId = ParameterSetName == ById;
        IReadOnlyList<string?> targets = byId ? Id : LeadId is { Length: > 0 } leads ? leads : AllLeads;
        foreach (var target in targets)
            Emit(CreateQuery(byId ? target : null, byId ? null : target), target);
    }
}
