namespace Closeio.PowerShell.Commands;

/// <summary>Get-CloseioCustomField. Its help (synopsis, description, parameters, examples) is written once, in docs/Get-CloseioCustomField.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommon.Get, "CloseioCustomField", SupportsPaging = true, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Get-CloseioCustomField.md")]
[OutputType("Closeio.CustomField")]
public sealed class GetCloseioCustomFieldCommand : CloseioQueryCmdlet
{
    /// <summary>Only these kinds.</summary>
    [Parameter(Position = 0)]
    [ValidateSet("lead", "contact", "opportunity", "activity", "shared", "custom_object_type", IgnoreCase = true)]
    public string[]? Kind { get; set; }

    /// <summary>Reads the definitions.</summary>
    protected override void ProcessRecord() => Emit(new CustomFieldQuery { Kinds = Kind });
}
