namespace Closeio.PowerShell.Internal;

/// <summary>One tab-completion choice: the text inserted (quoted when needed) and the text listed.</summary>
/// <param name="CompletionText">What replaces the word being completed.</param>
/// <param name="ListItemText">What the completion menu shows.</param>
/// <param name="ToolTip">A short description.</param>
internal sealed record CompletionCandidate(string CompletionText, string ListItemText, string ToolTip);

/// <summary>The matching and quoting rules of the module's argument completers.</summary>
internal static class CompletionCandidates
{
    /// <summary>
    /// The candidates that start with the word typed so far (ignoring case and any opening quote),
    /// in the order given, each quoted for PowerShell when it holds spaces or special characters.
    /// </summary>
    public static IReadOnlyList<CompletionCandidate> Match(IEnumerable<(string Value, string ToolTip)> candidates, string? wordToComplete)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var word = (wordToComplete ?? "").Trim().Trim('\'', '"');
        return candidates
            .Where(c => !string.IsNullOrEmpty(c.Value) && c.Value.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CompletionCandidate(Quote(c.Value), c.Value, string.IsNullOrEmpty(c.ToolTip) ? c.Value : c.ToolTip))
            .ToArray();
    }

    /// <summary>The value as PowerShell source: bare when safe, otherwise in single quotes.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = value.Length > 0 && value.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '-' or '.') && value[0] != '-';
        return safe ? value : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
