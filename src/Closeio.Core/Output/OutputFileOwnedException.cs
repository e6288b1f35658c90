namespace Closeio.Core.Output;

/// <summary>
/// An output file cannot be written by this profile: it belongs to another profile, or another run is
/// writing it right now. The file is left exactly as it was.
/// </summary>
/// <param name="file">The output file.</param>
/// <param name="profile">The profile that wanted to write it.</param>
/// <param name="owner">The profile recorded as its owner, if known.</param>
/// <param name="ownerNote">The file recording the owner.</param>
/// <param name="inUse">True when another run holds the file's lock now; false when it belongs to another profile.</param>
public sealed class OutputFileOwnedException(string file, string profile, string? owner, string ownerNote, bool inUse)
    : Exception(BuildMessage(file, profile, owner, ownerNote, inUse))
{
    /// <summary>The output file.</summary>
    public string FilePath { get; } = file;

    /// <summary>The profile that wanted to write it.</summary>
    public string Profile { get; } = profile;

    /// <summary>The profile recorded as its owner; null when unknown.</summary>
    public string? Owner { get; } = owner;

    /// <summary>The file that records the owner (<c>&lt;file&gt;.owner</c>).</summary>
    public string OwnerNote { get; } = ownerNote;

    /// <summary>True when another run is writing the file now; false when it belongs to another profile.</summary>
    public bool InUse { get; } = inUse;

    private static string BuildMessage(string file, string profile, string? owner, string ownerNote, bool inUse)
    {
        var whose = owner is null ? "" : $" for the profile '{owner}'";
        if (inUse)
        {
            return $"The output file '{file}' is being written by another run{whose} right now; this run (profile '{profile}') " +
                   "did not touch it. Give each profile its own -OutputDirectory, or run them one after the other.";
        }

        return $"The output file '{file}' belongs to the profile '{owner ?? "(unreadable owner note)"}', not to '{profile}' " +
               $"(recorded in '{ownerNote}'), so this run did not touch it: its bookmarks cover other rows, and cutting " +
               "or appending would mix or lose them. Give each profile its own -OutputDirectory. If that other profile no " +
               $"longer writes here, delete '{ownerNote}' and this profile takes the file over.";
    }
}
