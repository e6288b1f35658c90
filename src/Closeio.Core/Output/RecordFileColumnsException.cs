namespace Closeio.Core.Output;

/// <summary>
/// An existing CSV file has a header other than the columns this run writes, so appending would
/// put values under the wrong headings.
/// </summary>
public sealed class RecordFileColumnsException : IOException
{
    /// <summary>Creates the exception, with a message that says which columns differ.</summary>
    public RecordFileColumnsException(string path, IReadOnlyList<string> fileColumns, IReadOnlyList<string> columns)
        : base(Describe(path, fileColumns, columns))
    {
        Path = path;
        FileColumns = fileColumns;
        Columns = columns;
    }

    /// <summary>The file that could not be appended to.</summary>
    public string Path { get; }

    /// <summary>The columns named by the file's header.</summary>
    public IReadOnlyList<string> FileColumns { get; }

    /// <summary>The columns this run writes.</summary>
    public IReadOnlyList<string> Columns { get; }

    private static string Describe(string path, IReadOnlyList<string> fileColumns, IReadOnlyList<string> columns)
    {
        var onlyInFile = fileColumns.Except(columns, StringComparer.Ordinal).ToArray();
        var onlyNow = columns.Except(fileColumns, StringComparer.Ordinal).ToArray();
        var parts = new List<string>();
        if (onlyNow.Length > 0)
            parts.Add($"not in the file: {string.Join(", ", onlyNow)}");
        if (onlyInFile.Length > 0)
            parts.Add($"in the file but no longer written: {string.Join(", ", onlyInFile)}");
        if (parts.Count == 0)
            parts.Add("the same columns in another order");
        return $"Cannot append to '{path}': its header has other columns than this run writes ({string.Join("; ", parts)}). " +
               "This happens when custom fields or the selected properties change. Write to a new -OutputDirectory, " +
               "or move the existing file away.";
    }
}
