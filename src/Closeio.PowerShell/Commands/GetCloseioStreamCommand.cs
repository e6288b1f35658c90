namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioStream. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioStream.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioStream", HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioStream.md")]
[OutputType(typeof(StreamDescription))]
[OutputType(typeof(string))]
public sealed class GetCloseioStreamCommand : CloseioCmdlet
{
    /// <summary>The type name the objects carry.</summary>
    public const string TypeName = "Closeio.StreamInfo";

    /// <summary>Only these streams (default: all).</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(StreamNameCompleter))]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string[]? Stream { get; set; }

    /// <summary>The organization whose custom fields to list; the session's connection when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    public Connection? Connection { get; set; }

    /// <summary>Write each stream's JSON Schema (text) instead of its description.</summary>
    [Parameter]
    public SwitchParameter Schema { get; set; }

    /// <summary>Describes the streams.</summary>
    protected override void ProcessRecord()
    {
        var connection = Connection ?? Session.Connection;
        if (connection is { IsConnected: false }) connection = null;
        IReadOnlyList<StreamDescription> streams = [];
        IReadOnlyList<string> schemas = [];
        try
        {
            if (connection is not null) ListenToRequests(connection);
            if (Schema) schemas = Core.Streams.StreamSchema.Describe(SplitList(Stream), connection?.Core, StopToken);
            else streams = StreamDescriber.Describe(SplitList(Stream), connection?.Core, StopToken);
            FlushRequestLog();
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            FlushRequestLog();
            ThrowFailure(e, Stream, connection?.Redactor);
            return;
        }

        if (connection is null) WriteVerbose("Not connected: custom fields are not listed. Connect-Closeio to include them.");
        foreach (var schema in schemas) WriteObject(schema);
        foreach (var stream in streams) WriteObject(Wrap(stream));
    }

    /// <summary>
    /// The description for the shell: its lists stay lists there (Where-Object over Properties) and
    /// read as "a, b, c" when written (Export-Csv), not as .NET type names.
    /// </summary>
    internal static PSObject Wrap(StreamDescription stream)
    {
        var o = WithTypeName(stream, TypeName);
        o.Properties.Add(new PSNoteProperty(nameof(StreamDescription.KeyProperties), NameList(stream.KeyProperties)));
        o.Properties.Add(new PSNoteProperty(nameof(StreamDescription.Properties), NameList(stream.Properties)));
        return o;
    }

    private static PSObject NameList<T>(IReadOnlyList<T> items)
    {
        var o = new PSObject(items.ToArray());
        o.TypeNames.Insert(0, ShellText.NameListTypeName);
        return o;
    }
}
