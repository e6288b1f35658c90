using System.Management.Automation;
using Closeio.Core.Queries;
using Closeio.Core.Streams;
using Closeio.PowerShell.Completers;
using Closeio.PowerShell.Internal;

namespace Closeio.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Sets a stream's bookmark, so its next run reads from that time.</para>
/// <para type="description">Moves the bookmark backwards (to read again) or forwards (to skip).
/// ConfirmImpact Medium: asks when -Confirm is given or $ConfirmPreference is Medium or lower; -Force skips that prompt; -WhatIf shows what would change.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "CloseioState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StreamState))]
public sealed class SetCloseioStateCommand : CloseioCmdlet
{
    /// <summary>The streams whose bookmark to set.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StreamNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Stream { get; set; } = [];

    /// <summary>The new bookmark (local time unless it says otherwise).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public DateTime Bookmark { get; set; }

    /// <summary>The profile (in the default profile directory).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>The profile file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProfilePath { get; set; }

    /// <summary>Do not ask for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Sets the bookmarks confirmed.</summary>
    protected override void ProcessRecord()
    {
        var profile = SelectProfile(ProfileName, ProfilePath, given: null);
        var instant = ToInstant(Bookmark)!.Value;
        foreach (var stream in Stream)
        {
            var action = $"Set the bookmark of {stream} to {CloseTimestampText(instant)}";
            if (!Approve(profile.Path, action, Force)) continue;
            try
            {
                WriteObject(GetCloseioStateCommand.Wrap(ProfileStateEditor.Set(profile, stream, instant)));
            }
            catch (Exception e) when (IsOwnFailure(e))
            {
                ReportFailure(e, stream);
            }
        }
    }

    private static string CloseTimestampText(DateTimeOffset t) => Core.Records.CloseTimestamp.Format(t);
}
