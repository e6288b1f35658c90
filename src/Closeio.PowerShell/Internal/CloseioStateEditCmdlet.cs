namespace Closeio.PowerShell.Internal;

/// <summary>
/// Set- and Reset-CloseioState: the streams to change (from the pipeline too, e.g. Get-CloseioState's
/// objects), -Force, and one confirmation per stream.
/// </summary>
public abstract class CloseioStateEditCmdlet : CloseioProfileCmdlet
{
    /// <summary>The streams whose bookmark to change.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StreamNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Stream { get; set; } = [];

    /// <summary>How long to wait for a sync that holds the profile (default: fail at once).</summary>
    [Parameter]
    public TimeSpan WaitForLock { get; set; }

    /// <summary>WaitForLock, refused (terminating) when negative.</summary>
    internal TimeSpan LockWait()
    {
        if (WaitForLock < TimeSpan.Zero)
            ThrowFailure(new ArgumentException("-WaitForLock cannot be negative: give how long to wait, e.g. 00:05:00, or 0 to fail at once."), WaitForLock);
        return WaitForLock;
    }

    /// <summary>
    /// The profile file; also taken from the ProfilePath of piped Get-CloseioState objects, so the edit
    /// goes to the profile they were read from, not the connection's.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public new string? ProfilePath
    {
        get => base.ProfilePath;
        set => base.ProfilePath = value;
    }

    /// <summary>Do not ask for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// The streams named, each reported (non-terminating) when it is not a stream and kept only when
    /// approved; <paramref name="action"/> says what would happen to one.
    /// </summary>
    internal IEnumerable<StreamDefinition> ApprovedStreams(ProfileStore profile, Func<StreamDefinition, string> action)
    {
        foreach (var name in SplitList(Stream)!)
        {
            if (!StreamCatalog.TryGet(name, out var definition))
            {
                WriteError(ToErrorRecord(new ArgumentException(
                    $"'{name}' is not a Close stream. Valid streams: {string.Join(", ", StreamCatalog.Names)}."), name, null));
                continue;
            }

            if (Approve(profile.Path, action(definition), Force)) yield return definition;
        }
    }
}
