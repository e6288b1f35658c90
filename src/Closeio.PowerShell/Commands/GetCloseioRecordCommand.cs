namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioRecord. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioRecord.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioRecord", SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioRecord.md")]
[OutputType(typeof(PSObject))]
public sealed class GetCloseioRecordCommand : CloseioQueryCmdlet
{
    /// <summary>The stream to read (Get-CloseioStream lists them).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(StreamNameCompleter))]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string Stream { get; set; } = "";

    /// <summary>Only records whose replication key is at or after this time (incremental streams).</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Only these properties (field or custom field names); the key fields are always kept.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }

    /// <summary>Reads the stream.</summary>
    protected override void ProcessRecord()
    {
        if (!StreamCatalog.TryGet(Stream, out var definition))
        {
            ThrowFailure(new ArgumentException(
                $"'{Stream}' is not a Close stream. Valid streams: {string.Join(", ", StreamCatalog.Names)}."), Stream, null);
            return;
        }

        Emit(new StreamQuery(definition) { Since = ToInstant(Since), Properties = SplitList(Property) }, Stream);
    }
}
