using System.Management.Automation;

namespace Closeio.PowerShell.Commands;

/// <summary>Placeholder until the cmdlet issue lands: proves the module builds end to end.</summary>
[Cmdlet(VerbsCommunications.Connect, "Closeio")]
[OutputType(typeof(string))]
public sealed class ConnectCloseioCommand : PSCmdlet
{
    [Parameter]
    public SwitchParameter Sandbox { get; set; }

    protected override void ProcessRecord() => WriteObject("Closeio");
}
