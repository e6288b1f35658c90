namespace Closeio.Core.State;

/// <summary>
/// The ids a stream delivered within a span before its bookmark, with the key each had, kept in the
/// bookmark's <c>recent</c> Extra entry (<c>id@timestamp</c> pairs separated by spaces, oldest first)
/// for a stream that re-reads that span each run (see <see cref="Streams.StreamDefinition.RescanSpan"/>):
/// the re-read then delivers only records that are new or whose key moved.
/// </summary>
internal static class RecentIds
{
    /// <summary>The bookmark Extra entry.</summary>
    public const string Key = "recent";

    /// <summary>The pairs <paramref name="bookmark"/> holds; empty when it holds none.</summary>
    public static Dictionary<string, DateTimeOffset> Read(StreamBookmark? bookmark) =>
        bookmark?.Extra.TryGetValue(Key, out var text) == true ? Decode(text) : new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

    /// <summary>Reads <c>id@timestamp</c> pairs separated by spaces; unreadable pairs are skipped.</summary>
    public static Dictionary<string, DateTimeOffset> Decode(string text)
    {
        var map = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.LastIndexOf('@');
            if (at > 0 && CloseTimestamp.TryParse(part[(at + 1)..], out var t)) map[part[..at]] = t;
        }

        return map;
    }

    /// <summary>Writes the pairs <see cref="Decode"/> reads, oldest first.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, DateTimeOffset>> pairs)
    {
        var text = new StringBuilder();
        foreach (var (id, t) in pairs.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(id).Append('@').Append(CloseTimestamp.Format(t));
        }

        return text.ToString();
    }
}
