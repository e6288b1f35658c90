namespace Closeio.Core.Records;

/// <summary>
/// The column names of one shaper with a name → position index, shared by all its records so a
/// record costs one value array and nothing more.
/// </summary>
internal sealed class RecordColumns
{
    private readonly Dictionary<string, int> _index;

    public RecordColumns(IReadOnlyList<string> names, IReadOnlyDictionary<string, string>? customFieldNames = null)
    {
        CustomFieldNames = customFieldNames ?? NoCustomFieldNames;
        Names = names.ToArray();
        ReadOnlyNames = Array.AsReadOnly(Names);
        _index = new Dictionary<string, int>(Names.Length, StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++)
        {
            if (!_index.TryAdd(Names[i], i))
                throw new ArgumentException($"Column '{Names[i]}' appears twice.", nameof(names));
        }
    }

    public string[] Names { get; }

    /// <summary>The names as handed to callers: one shared wrapper that cannot be cast back and changed.</summary>
    public IReadOnlyList<string> ReadOnlyNames { get; }

    public int Count => Names.Length;

    /// <summary>Custom field names by id (see <see cref="Record.CustomFieldNames"/>).</summary>
    public IReadOnlyDictionary<string, string> CustomFieldNames { get; }

    private static readonly IReadOnlyDictionary<string, string> NoCustomFieldNames = new Dictionary<string, string>();

    /// <summary>Position of <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _index.GetValueOrDefault(name, -1);
}
