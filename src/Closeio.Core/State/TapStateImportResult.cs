namespace Closeio.Core.State;

/// <summary>What <see cref="TapStateImport.Apply"/> did with a tap-closeio state.</summary>
/// <param name="Profile">The profile the bookmarks were written into (the one passed in).</param>
/// <param name="Imported">Streams whose bookmark was taken from the state.</param>
/// <param name="UnknownStreams">Streams in the state that this module does not know; not imported.</param>
/// <param name="CurrentlySyncing">The state's <c>currently_syncing</c> stream, if any (informational:
/// tap-closeio was interrupted while syncing it).</param>
public sealed record TapStateImportResult(
    Profile Profile,
    IReadOnlyList<string> Imported,
    IReadOnlyList<string> UnknownStreams,
    string? CurrentlySyncing);
