namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioEvent. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioEvent.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioEvent", SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioEvent.md")]
[OutputType("Closeio.Event")]
public sealed class GetCloseioEventCommand : CloseioQueryCmdlet
{
    /// <summary>Only events about this object type (lead, contact, opportunity, task.lead, activity.call, ...).</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(EventFilterCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ObjectType { get; set; }

    /// <summary>Only events with this action.</summary>
    [Parameter]
    [ValidateSet("created", "updated", "deleted", "merged", IgnoreCase = true)]
    public string? Action { get; set; }

    /// <summary>Only events updated at or after this time.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Only events about this lead; a piped lead's id binds here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("lead_id", "id")]
    [ValidateNotNullOrEmpty]
    public string? LeadId { get; set; }

    /// <summary>Reads the events.</summary>
    protected override void ProcessRecord() => Emit(new EventQuery
    {
        ObjectType = ObjectType,
        Action = Action,
        Since = ToInstant(Since),
        LeadId = LeadId,
    }, LeadId);
}
