namespace Closeio.PowerShell.Completers;

/// <summary>Completes the names of the profiles saved in the default profile directory.</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> names;
        try
        {
            names = ProfileStore.ListNames();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            names = [];
        }

        return CompletionResults.From(names.Select(n => (n, $"Profile '{n}' in {ProfileStore.DefaultDirectory()}")), wordToComplete);
    }
}
