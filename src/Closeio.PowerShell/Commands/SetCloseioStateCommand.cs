namespace Closeio.PowerShell.Commands;

/// <summary>Set-CloseioState. Its help (synopsis, description, parameters, examples) is written once, in docs/Set-CloseioState.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Set, "CloseioState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Set-CloseioState.md")]
[OutputType(typeof(StreamState))]
public sealed class SetCloseioStateCommand : CloseioStateEditCmdlet
{
    /// <summary>The new bookmark (local time unless it says otherwise).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public DateTime Bookmark { get; set; }

    /// <summary>Sets the bookmarks confirmed.</summary>
    protected override void ProcessRecord()
    {
        var profile = SelectProfile();
        var instant = ToInstant(Bookmark)!.Value;
        var wait = LockWait();
        foreach (var stream in ApprovedStreams(profile, s => $"Set the bookmark of {s.Name} to {CloseTimestamp.Format(instant)}"))
        {
            try
            {
                WriteObject(GetCloseioStateCommand.Wrap(ProfileStateEditor.Set(profile, stream.Name, instant, wait, TimeProvider.System)));
            }
            catch (Exception e) when (IsOwnFailure(e))
            {
                ReportFailure(e, stream.Name);
            }
        }
    }
}
