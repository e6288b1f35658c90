namespace Closeio.PowerShell.Commands;

/// <summary>Import-CloseioState. Its help (synopsis, description, parameters, examples) is written once, in docs/Import-CloseioState.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsData.Import, "CloseioState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Import-CloseioState.md")]
[OutputType(typeof(StreamState))]
public sealed class ImportCloseioStateCommand : CloseioProfileCmdlet
{
    /// <summary>The tap state file (JSON).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Replace bookmarks that are later than the state's, and do not ask for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How long to wait for a sync that holds the profile (default: fail at once).</summary>
    [Parameter]
    public TimeSpan WaitForLock { get; set; }

    /// <summary>Imports the state.</summary>
    protected override void ProcessRecord()
    {
        if (WaitForLock < TimeSpan.Zero)
            ThrowFailure(new ArgumentException("-WaitForLock cannot be negative: give how long to wait, e.g. 00:05:00, or 0 to fail at once."), WaitForLock);
        var profile = SelectProfile();
        var file = GetUnresolvedProviderPathFromPSPath(Path);
        if (!File.Exists(file))
        {
            ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"There is no tap state file '{file}'.", file),
                "Closeio.TapStateNotFound", ErrorCategory.ObjectNotFound, Path));
            return;
        }

        IReadOnlyList<StreamState> states = [];
        try
        {
            var plan = TapStateImporter.Read(profile, File.ReadAllText(file));
            foreach (var unknown in plan.UnknownStreams)
                WriteWarning($"The state has a bookmark for '{unknown}', which is not a stream of this module; it is not imported.");
            if (plan.CurrentlySyncing is { } current)
                Verbose($"The state says tap-closeio stopped while syncing {current}; its bookmark covers what the tap delivered.");
            if (plan.Bookmarks.Count == 0)
                WriteWarning($"'{file}' holds no bookmark of a stream this module knows: nothing to import.");

            var approved = new List<TapStateBookmark>();
            foreach (var b in plan.Bookmarks)
            {
                var to = CloseTimestamp.Format(b.Imported);
                if (b.MovesBack && !Force)
                {
                    WriteWarning($"{b.Stream}: the profile's bookmark ({CloseTimestamp.Format(b.Current!.Value)}) is later than the state's ({to}); " +
                                 "it is kept. Add -Force to move it back, so the next run reads again from the state's.");
                    continue;
                }

                var action = b.Current is { } was
                    ? $"Set the bookmark of {b.Stream} from {CloseTimestamp.Format(was)} to {to} (tap state '{file}')"
                    : $"Set the bookmark of {b.Stream} to {to} (tap state '{file}')";
                if (Approve(profile.Path, action, Force)) approved.Add(b);
            }

            states = TapStateImporter.Apply(profile, approved, Force, WaitForLock, TimeProvider.System);
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            ThrowFailure(e, file);
        }

        foreach (var state in states) WriteObject(GetCloseioStateCommand.Wrap(state));
    }
}
