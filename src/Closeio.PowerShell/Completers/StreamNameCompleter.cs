namespace Closeio.PowerShell.Completers;

/// <summary>Completes stream names (leads, activities, tasks, users, custom_fields, event_log).</summary>
public sealed class StreamNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionResults.From(StreamCatalog.All.Select(s => (s.Name, $"{s.Name}: {s.Description}")), wordToComplete);
}
