namespace Closeio.PowerShell.Commands;

/// <summary>Reset-CloseioState. Its help (synopsis, description, parameters, examples) is written once, in docs/Reset-CloseioState.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Reset, "CloseioState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Reset-CloseioState.md")]
[OutputType(typeof(StreamState))]
public sealed class ResetCloseioStateCommand : CloseioStateEditCmdlet
{
    /// <summary>Return the streams' state after the reset.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Resets the bookmarks confirmed.</summary>
    protected override void ProcessRecord()
    {
        var profile = SelectProfile();
        var wait = LockWait();
        var approved = ApprovedStreams(profile, s => $"Forget the bookmark of {s.Name} (its next run starts over)")
            .Select(s => s.Name).ToList();
        if (approved.Count == 0) return;
        try
        {
            var reset = ProfileStateEditor.Reset(profile, approved, wait);
            WriteVerbose(reset.Count == 0
                ? "None of the streams had a bookmark."
                : $"Reset the bookmarks of {string.Join(", ", reset)} in {profile.Path}.");
            if (PassThru)
                foreach (var state in ProfileStateEditor.Read(profile, approved)) WriteObject(GetCloseioStateCommand.Wrap(state));
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            ThrowFailure(e, profile.Path);
        }
    }
}
