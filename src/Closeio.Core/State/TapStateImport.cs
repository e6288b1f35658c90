namespace Closeio.Core.State;

/// <summary>
/// Imports the bookmarks of a tap-closeio (Singer) state file, e.g.
/// <c>{"bookmarks": {"leads": {"date_updated": "2024-01-02T03:04:05.000000Z"}}, "currently_syncing": null}</c>,
/// so that a user moving from Stitch/Singer continues where the tap stopped.
/// </summary>
public static class TapStateImport
{
    /// <summary>
    /// Sets the bookmarks of <paramref name="profile"/> from <paramref name="tapStateJson"/>. Imported values
    /// replace the profile's (an explicit import may move a bookmark backwards). Streams this module does not
    /// know are listed in the result, not imported.
    /// </summary>
    /// <exception cref="FormatException">The text is not a tap-closeio state (not JSON, no bookmarks object,
    /// or a bookmark value that is not a timestamp).</exception>
    public static TapStateImportResult Apply(Profile profile, string tapStateJson) =>
        throw new NotImplementedException();
}
