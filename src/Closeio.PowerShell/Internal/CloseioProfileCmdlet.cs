namespace Closeio.PowerShell.Internal;

/// <summary>
/// The cmdlets that read or write a profile: -ProfileName and -ProfilePath, declared once here
/// (PowerShell binds a base class's public parameter properties like the cmdlet's own).
/// </summary>
public abstract class CloseioProfileCmdlet : CloseioCmdlet
{
    /// <summary>The profile (in the default profile directory).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    /// <summary>The profile file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProfilePath { get; set; }

    /// <summary>True when neither -ProfileName nor -ProfilePath was given.</summary>
    internal bool NoProfileNamed => ProfileName is null && ProfilePath is null;

    /// <summary>The profile named by -ProfileName or -ProfilePath, else the connection's (see <see cref="Core.State.ProfileSelector"/>).</summary>
    internal ProfileStore SelectProfile(Connection? given = null) => SelectProfile(ProfileName, ProfilePath, given);
}
