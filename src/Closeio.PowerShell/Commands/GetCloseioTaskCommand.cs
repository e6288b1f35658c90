namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioTask. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioTask.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioTask", SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioTask.md")]
[OutputType("Closeio.Task")]
public sealed class GetCloseioTaskCommand : CloseioQueryCmdlet
{
    /// <summary>Only these task types (all when omitted).</summary>
    [Parameter(Position = 0)]
    [ValidateSet("all", "lead", "incoming_email", "email_followup", "missed_call", "answered_detached_call", "voicemail",
        "opportunity_due", "incoming_sms", "outgoing_call", IgnoreCase = true)]
    public string[]? Type { get; set; }

    /// <summary>Reads the tasks.</summary>
    protected override void ProcessRecord() => Emit(new TaskQuery { Types = Type });
}
