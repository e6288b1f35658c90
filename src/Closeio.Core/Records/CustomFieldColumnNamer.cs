namespace Closeio.Core.Records;

/// <summary>
/// Gives each custom field a column named after the field. Names are compared ignoring case
/// (PowerShell property names do), and every field in a clash is suffixed with its id, so a
/// column's name does not depend on the order Close lists the fields in.
/// </summary>
internal static class CustomFieldColumnNamer
{
    /// <summary>Column names for <paramref name="fields"/>, in the same order.</summary>
    /// <param name="fields">The custom fields that get columns.</param>
    /// <param name="reserved">Names already taken by schema fields and <c>_extra</c>.</param>
    public static string[] Name(IReadOnlyList<CustomFieldDefinition> fields, IEnumerable<string> reserved)
    {
        var taken = new HashSet<string>(reserved, StringComparer.OrdinalIgnoreCase);
        var baseNames = fields.Select(f => string.IsNullOrWhiteSpace(f.Name) ? f.Id : f.Name.Trim()).ToArray();
        var counts = baseNames
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

        var names = new string[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var name = baseNames[i];
            var clashes = taken.Contains(name) || counts[name] > 1;
            names[i] = clashes ? $"{name} ({fields[i].Id})" : name;
        }

        return names;
    }
}
