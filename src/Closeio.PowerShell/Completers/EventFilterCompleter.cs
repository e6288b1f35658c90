namespace Closeio.PowerShell.Completers;

/// <summary>
/// Completes Get-CloseioEvent's -ObjectType with the object types the event log names (lead, contact,
/// opportunity, task.&lt;type&gt;, activity.&lt;type&gt;) and -Action with its actions.
/// </summary>
public sealed class EventFilterCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (string.Equals(parameterName, "Action", StringComparison.OrdinalIgnoreCase))
            return CompletionResults.From(EventQuery.Actions.Select(a => (a, $"Events whose action is {a}")), wordToComplete);
        return CompletionResults.From(EventQuery.ObjectTypes.Select(t => (t, ToolTip(t))), wordToComplete);
    }

    private static string ToolTip(string objectType)
    {
        var dot = objectType.IndexOf('.', StringComparison.Ordinal);
        return dot < 0
            ? $"Events about {objectType}s"
            : $"Events about {objectType[..dot]}s of type {objectType[(dot + 1)..]}";
    }
}
