namespace Closeio.PowerShell.Completers;

/// <summary>
/// Completes -Property with the stream's fields and, when the session is connected, the
/// organization's custom field names (read with a short time limit; schema fields only if that fails).
/// </summary>
public sealed class PropertyNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var streams = StreamsOf(commandName, fakeBoundParameters);
        IReadOnlyList<StreamDescription> described;
        try
        {
            var connection = RunspaceState.Current.Connection;
            using var patience = new CancellationTokenSource(Patience);
            described = StreamDescriber.Describe(streams, connection is { IsConnected: true } ? connection.Core : null, patience.Token);
        }
        catch (Exception e) when (CloseioCmdlet.IsOwnFailure(e))
        {
            try
            {
                described = StreamDescriber.Describe(streams, []);
            }
            catch (ArgumentException)
            {
                return [];
            }
        }

        return CompletionResults.From(
            described.SelectMany(s => s.Properties).Select(p => (p.Name, $"{p.Name} ({p.Type}): {p.Description}")), wordToComplete);
    }

    private static IReadOnlyList<string>? StreamsOf(string commandName, IDictionary fakeBoundParameters)
    {
        // Get-Closeio<Noun> reads the stream whose records are Closeio.<Noun> (Get-CloseioLead: leads).
        var noun = commandName[(commandName.LastIndexOf('-') + 1)..];
        if (noun.StartsWith("Closeio", StringComparison.OrdinalIgnoreCase) &&
            StreamCatalog.All.FirstOrDefault(s => s.TypeName.Equals("Closeio." + noun["Closeio".Length..], StringComparison.OrdinalIgnoreCase)) is { } served)
            return [served.Name];
        if (fakeBoundParameters["Stream"] is { } bound)
        {
            var names = LanguagePrimitives.GetEnumerable(bound) is { } many
                ? many.Cast<object?>().Select(o => o?.ToString()).ToArray()
                : [bound.ToString()];
            var valid = names.Where(n => !string.IsNullOrWhiteSpace(n) && StreamCatalog.TryGet(n, out _)).Select(n => n!).ToArray();
            if (valid.Length > 0) return valid;
        }

        return null;
    }
}
