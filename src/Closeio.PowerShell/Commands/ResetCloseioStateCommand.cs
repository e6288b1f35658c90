using System.Management.Automation;
using Closeio.Core.Queries;
using Closeio.Core.Streams;
using Closeio.PowerShell.Completers;
using Closeio.PowerShell.Internal;

namespace Closeio.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Forgets streams' bookmarks, so their next run starts over from the start date.</para>
/// <para type="description">Asks for confirmation (ConfirmImpact High) unless -Force; -WhatIf shows what
/// would be reset and changes nothing.</para>
/// </summary>
[Cmdlet(VerbsCommon.Reset, "CloseioState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(StreamState))]
public sealed class ResetCloseioStateCommand : CloseioCmdlet
{
    /// <summary>The streams whose bookmark to forget.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StreamNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Stream { get; set; } = [];

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

    /// <summary>Return the streams' state after the reset.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Resets the bookmarks confirmed.</summary>
    protected override void ProcessRecord()
    {
        var profile = SelectProfile(ProfileName, ProfilePath, given: null);
        var approved = new List<string>();
        foreach (var stream in Stream)
        {
            if (!StreamCatalog.TryGet(stream, out var definition))
            {
                ReportFailure(new ArgumentException(
                    $"'{stream}' is not a Close stream. Valid streams: {string.Join(", ", StreamCatalog.Names)}."), stream);
                continue;
            }

            var action = $"Forget the bookmark of {definition.Name} (its next run starts over)";
            if (!Approve(profile.Path, action, Force)) continue;
            approved.Add(definition.Name);
        }

        if (approved.Count == 0) return;
        try
        {
            var reset = ProfileStateEditor.Reset(profile, approved);
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
