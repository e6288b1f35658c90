namespace Closeio.Sandbox;

/// <summary>
/// Sorts items by one key with the id as tie-break (in the same direction), so that skip paging
/// over unchanged data returns every item exactly once.
/// </summary>
internal static class Ordering
{
    public static List<SandboxItem> By<TKey>(IEnumerable<SandboxItem> items, Func<SandboxItem, TKey> key, bool descending)
        where TKey : IComparable<TKey>
    {
        var list = items.ToList();
        var keys = new Dictionary<SandboxItem, TKey>(list.Count, ReferenceEqualityComparer.Instance);
        foreach (var item in list) keys[item] = key(item);
        list.Sort((a, b) =>
        {
            var c = CompareKeys(keys[a], keys[b]);
            if (c == 0) c = string.CompareOrdinal(a.Id, b.Id);
            return descending ? -c : c;
        });
        return list;
    }

    /// <summary>Reads <c>_order_by</c> (optionally with a leading '-'); anything not allowed is a 400.</summary>
    public static (string Field, bool Descending) Read(ApiQuery query, string defaultValue, params string[] allowedFields)
    {
        var value = query.String("_order_by") ?? defaultValue;
        var descending = value.StartsWith('-');
        var field = value.TrimStart('-');
        if (!allowedFields.Contains(field))
            throw ApiException.FieldError("_order_by", $"Ordering by '{value}' is not supported here. Use one of: {string.Join(", ", allowedFields)} (prefix '-' for descending).");
        return (field, descending);
    }

    // Nulls (a missing date) sort before every value.
    private static int CompareKeys<TKey>(TKey a, TKey b) where TKey : IComparable<TKey> =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b);
}
