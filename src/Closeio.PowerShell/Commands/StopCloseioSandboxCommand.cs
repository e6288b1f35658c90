namespace Closeio.PowerShell.Commands;

/// <summary>Stop-CloseioSandbox. Its help (synopsis, description, parameters, examples) is written once, in docs/Stop-CloseioSandbox.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsLifecycle.Stop, "CloseioSandbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Stop-CloseioSandbox.md")]
[OutputType(typeof(void))]
public sealed class StopCloseioSandboxCommand : CloseioCmdlet
{
    /// <summary>The Sandbox to stop; all of this session's when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SandboxInfo? InputObject { get; set; }

    /// <summary>Stops the Sandboxes.</summary>
    protected override void ProcessRecord()
    {
        foreach (var sandbox in Session.TakeSandboxes(InputObject))
        {
            if (!Ask(sandbox.BaseUri.ToString(), "Stop the Close API Sandbox"))
            {
                Session.AddSandbox(sandbox);
                continue;
            }

            try
            {
                sandbox.Stop();
                WriteVerbose($"Stopped {sandbox}.");
            }
            catch (Exception e) when (IsOwnFailure(e))
            {
                ReportFailure(e, sandbox.BaseUri);
            }
        }
    }
}
