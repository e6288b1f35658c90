namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioState. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioState.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioState", HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioState.md")]
[OutputType(typeof(StreamState))]
public sealed class GetCloseioStateCommand : CloseioProfileCmdlet
{
    /// <summary>The type name the objects carry.</summary>
    public const string TypeName = "Closeio.StreamState";

    /// <summary>Only these streams (default: all).</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(StreamNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Stream { get; set; }

    /// <summary>Reads the profile.</summary>
    protected override void ProcessRecord()
    {
        var profile = SelectProfile();
        IReadOnlyList<StreamState> states;
        try
        {
            states = ProfileStateEditor.Read(profile, SplitList(Stream));
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            ThrowFailure(e, profile.Path);
            return;
        }

        foreach (var state in states) WriteObject(Wrap(state));
    }

    /// <summary>
    /// The state for the shell: its instants are dates there (note properties over the class's
    /// DateTimeOffset ones, which [datetime] casts and Get-Date comparisons do not take) that read as
    /// ISO 8601 UTC text with microseconds when written.
    /// </summary>
    internal static PSObject Wrap(StreamState state)
    {
        var o = WithTypeName(state, TypeName);
        AddTimestamp(o, nameof(StreamState.Bookmark), state.Bookmark);
        AddTimestamp(o, nameof(StreamState.LastRunStarted), state.LastRunStarted);
        AddTimestamp(o, nameof(StreamState.LastRunEnded), state.LastRunEnded);
        return o;
    }

    private static void AddTimestamp(PSObject o, string name, DateTimeOffset? instant)
    {
        if (instant is { } t) o.Properties.Add(new PSNoteProperty(name, RecordObjectFactory.Timestamp(t)));
    }
}
