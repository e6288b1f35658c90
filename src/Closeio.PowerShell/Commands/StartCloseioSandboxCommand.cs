using Closeio.Sandbox;

namespace Closeio.PowerShell.Commands;

/// <summary>Start-CloseioSandbox. Its help (synopsis, description, parameters, examples) is written once, in docs/Start-CloseioSandbox.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsLifecycle.Start, "CloseioSandbox", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Start-CloseioSandbox.md")]
[OutputType(typeof(SandboxInfo))]
public sealed class StartCloseioSandboxCommand : CloseioCmdlet
{
    /// <summary>The seed the data is generated from (same seed, same data).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Seed { get; set; } = 1;

    /// <summary>How many leads the organization holds.</summary>
    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int Leads { get; set; } = 50;

    /// <summary>How many activities the organization holds.</summary>
    [Parameter]
    [ValidateRange(0, 10_000_000)]
    public int Activities { get; set; } = 500;

    /// <summary>Starts the Sandbox.</summary>
    protected override void ProcessRecord()
    {
        if (!Ask("127.0.0.1", "Start a Close API Sandbox")) return;
        SandboxInfo sandbox;
        try
        {
            // The real clock, so the data is dated up to now, as for Connect-Closeio -Sandbox.
            var api = SandboxApi.Create(Seed, Leads, Activities, TimeProvider.System);
            var listener = api.StartListenerAsync(StopToken).GetAwaiter().GetResult();
            sandbox = new SandboxInfo(listener, api, Seed, Leads, Activities);
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            ThrowFailure(e, "127.0.0.1");
            return;
        }

        Session.AddSandbox(sandbox);
        WriteVerbose($"Started {sandbox}.");
        WriteObject(sandbox);
    }
}
