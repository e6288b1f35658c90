namespace Closeio.Core.State;

/// <summary>
/// Which profile a command uses: the one named by -ProfileName or -ProfilePath, else the one the
/// session's connection was made with, else <c>default</c> (or <c>sandbox</c> for a Sandbox
/// connection, so trying the Sandbox never moves the bookmarks of a real organization).
/// </summary>
public static class ProfileSelector
{
    /// <summary>The profile used when none is named.</summary>
    public const string DefaultName = "default";

    /// <summary>The profile a Sandbox connection uses when none is named.</summary>
    public const string SandboxName = "sandbox";

    /// <summary>Picks the profile.</summary>
    /// <param name="name">-ProfileName, or null.</param>
    /// <param name="path">-ProfilePath (a full file-system path), or null.</param>
    /// <param name="sessionProfilePath">The profile the session's connection uses, or null.</param>
    /// <param name="sandbox">True when the connection in use is a Sandbox.</param>
    /// <exception cref="ArgumentException">Both a name and a path were given, or the name is not valid.</exception>
    public static ProfileStore Select(string? name, string? path, string? sessionProfilePath, bool sandbox)
    {
        var hasName = !string.IsNullOrWhiteSpace(name);
        var hasPath = !string.IsNullOrWhiteSpace(path);
        if (hasName && hasPath)
            throw new ArgumentException("Give either -ProfileName or -ProfilePath, not both.");
        if (hasPath) return ProfileStore.ForPath(path!);
        if (hasName)
        {
            if (!ProfileStore.IsValidName(name!.Trim()))
                throw new ArgumentException(
                    $"'{name}' is not a valid profile name: use letters, digits, '-', '_' and '.' (not first), at most 100 characters; or give a file with -ProfilePath.");
            return ProfileStore.ForName(name.Trim());
        }

        if (!string.IsNullOrWhiteSpace(sessionProfilePath)) return ProfileStore.ForPath(sessionProfilePath);
        return ProfileStore.ForName(sandbox ? SandboxName : DefaultName);
    }
}
