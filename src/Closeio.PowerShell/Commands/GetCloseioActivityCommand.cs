namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioActivity. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioActivity.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioActivity", SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioActivity.md")]
[OutputType("Closeio.Activity")]
public sealed class GetCloseioActivityCommand : CloseioQueryCmdlet
{
    /// <summary>Only these activity types.</summary>
    [Parameter]
    [ValidateSet("Call", "Created", "CustomActivity", "Email", "EmailThread", "FormSubmission", "LeadMerge",
        "LeadStatusChange", "Meeting", "Note", "OpportunityStatusChange", "SMS", "TaskCompleted", "WhatsAppMessage",
        IgnoreCase = true)]
    public string[]? Type { get; set; }

    /// <summary>Only the activities of these leads; a piped lead's id (or a task's lead_id) binds here.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("lead_id", "id")]
    [ValidateNotNullOrEmpty]
    public string[]? LeadId { get; set; }

    /// <summary>Only activities created at or after this time.</summary>
    [Parameter]
    public DateTime? CreatedAfter { get; set; }

    /// <summary>Only activities created before this time.</summary>
    [Parameter]
    public DateTime? CreatedBefore { get; set; }

    /// <summary>Reads the activities of each lead given (or of all leads).</summary>
    protected override void ProcessRecord()
    {
        var leads = LeadId is { Length: > 0 } ids ? ids.Select(i => (string?)i) : [null];
        foreach (var lead in leads)
        {
            Emit(new ActivityQuery
            {
                Types = Type,
                LeadId = lead,
                CreatedAfter = ToInstant(CreatedAfter),
                CreatedBefore = ToInstant(CreatedBefore),
            }, lead);
        }
    }
}
