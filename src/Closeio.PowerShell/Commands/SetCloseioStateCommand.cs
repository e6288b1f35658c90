using System.Management.Automation;
using Closeio.Core.Records;
using Closeio.Core.State;
using Closeio.PowerShell.Internal;

namespace Closeio.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Sets a stream's bookmark, so its next run reads from that time.</para>
/// <para type="description">Moves the bookmark backwards (to read again) or forwards (to skip).
/// ConfirmImpact Medium: asks when -Confirm is given or $ConfirmPreference is Medium or lower; -Force skips that prompt; -WhatIf shows what would change.</para>
/// </summary>
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
