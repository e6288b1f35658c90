namespace Closeio.Core.Streams;

/// <summary>
/// Decides which records read from Close a run delivers: none at or beyond the run's upper bound
/// (they belong to the next run), none the bookmark already covers unless the stream says a repeat
/// is wanted (an edited activity in the look-back, a consolidated event), and no (id, key) twice.
/// </summary>
internal sealed class RecordAdmission
{
    private readonly StreamContext _context;
    private readonly Func<Record, JsonElement, bool>? _admitRepeat;
    private readonly HashSet<string> _boundary;
    private readonly HashSet<(string Id, DateTimeOffset Key)> _given = [];

    /// <param name="context">The stream's run.</param>
    /// <param name="admitRepeat">
    /// Whether a record the bookmark already covers (key before it, or at it and among its boundary
    /// ids) should be delivered again; null = never.
    /// </param>
    public RecordAdmission(StreamContext context, Func<Record, JsonElement, bool>? admitRepeat = null)
    {
        _context = context;
        _admitRepeat = admitRepeat;
        _boundary = new HashSet<string>(context.Bookmark?.BoundaryIds ?? [], StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="record"/> was already delivered in this run.</summary>
    public bool AlreadyGiven(Record record) => _given.Contains((record.Id, record.Key));

    /// <summary>Whether the run delivers <paramref name="record"/>; remembers it when it does.</summary>
    public bool Admit(Record record, JsonElement raw)
    {
        if (record.Key >= _context.UpperBound) return false;
        if (_context.Bookmark?.Value is { } bookmark &&
            (record.Key < bookmark || (record.Key == bookmark && _boundary.Contains(record.Id))) &&
            !(_admitRepeat?.Invoke(record, raw) ?? false))
        {
            return false;
        }

        return _given.Add((record.Id, record.Key));
    }
}
