namespace Closeio.PowerShell.Completers;

/// <summary>Core's completion candidates as PowerShell's completion results (parameter values).</summary>
internal static class CompletionResults
{
    public static IEnumerable<CompletionResult> From(IEnumerable<(string Value, string ToolTip)> candidates, string wordToComplete) =>
        CompletionCandidates.Match(candidates, wordToComplete)
            .Select(c => new CompletionResult(c.CompletionText, c.ListItemText, CompletionResultType.ParameterValue, c.ToolTip));
}
