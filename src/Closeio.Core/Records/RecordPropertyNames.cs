namespace Closeio.Core.Records;

/// <summary>
/// The PowerShell property names of a record's columns. PowerShell member names ignore case, so a
/// column whose name differs from an earlier one only by case (or equals the leading <c>Stream</c>
/// property) gets a numbered name (<c>name_2</c>); the choice depends on the column list alone, so
/// every record of a run keeps the same properties in the same order.
/// </summary>
public static class RecordPropertyNames
{
    /// <summary>The property names for <paramref name="columns"/>, after <paramref name="leading"/> names already taken.</summary>
    public static string[] For(IReadOnlyList<string> columns, params string[] leading)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var used = new HashSet<string>(leading ?? [], StringComparer.OrdinalIgnoreCase);
        var names = new string[columns.Count];
        for (var i = 0; i < names.Length; i++)
        {
            var name = columns[i];
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++) candidate = $"{name}_{n}";
            names[i] = candidate;
        }

        return names;
    }
}
