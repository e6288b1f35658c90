using System.Management.Automation;
using Closeio.Core.Queries;
using Closeio.PowerShell.Internal;
using Closeio.Core.Streams;

namespace Closeio.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets custom field definitions.</para>
/// <para type="description">Of every kind (lead, contact, opportunity, activity, shared, custom_object_type) or of the
/// kinds named; each is written as a Closeio.CustomField with its kind.</para>
/// </summary>
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
