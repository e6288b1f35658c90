namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioConnection. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioConnection.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioConnection", DefaultParameterSetName = Current,
    HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioConnection.md")]
[OutputType(typeof(Connection), ParameterSetName = [Current])]
[OutputType(typeof(SavedConnection), ParameterSetName = [Saved, SavedAtPath])]
public sealed class GetCloseioConnectionCommand : CloseioCmdlet
{
    private const string Current = "Current";
    private const string Saved = "ProfileName";
    private const string SavedAtPath = "ProfilePath";

    /// <summary>The profile whose saved settings to show.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = Saved)]
    [ArgumentCompleter(typeof(Completers.ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>The profile file whose saved settings to show.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SavedAtPath)]
    [ValidateNotNullOrEmpty]
    public string? ProfilePath { get; set; }

    /// <summary>Writes the connection or the saved settings.</summary>
    protected override void ProcessRecord()
    {
        if (ParameterSetName == Current)
        {
            if (Session.Connection is { IsConnected: true } connection) WriteObject(connection);
            else WriteVerbose("Not connected: Connect-Closeio makes a connection.");
            return;
        }

        // Only the profile named, never the session's: this shows what a new session (or a job) would get.
        var profile = SelectProfile(ProfileName, ProfilePath, null);
        try
        {
            var settings = ConnectionSettings.Load(profile);
            var hasKey = ApiKeyStore.ForProfile(profile.Path).Exists;
            WriteObject(new SavedConnection(profile.Name, profile.Path, settings, hasKey));
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            ThrowFailure(e, profile.Path);
        }
    }
}
