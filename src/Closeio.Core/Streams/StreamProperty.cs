namespace Closeio.Core.Streams;

/// <summary>One property (column) of a stream's records, as Get-CloseioStream lists it.</summary>
/// <param name="Name">The column name on records.</param>
/// <param name="Type">The JSON type (string, date-time, integer, number, boolean, array, object) or the custom field's type.</param>
/// <param name="Description">What it holds.</param>
/// <param name="IsCustomField">True for the organization's custom fields.</param>
/// <param name="CustomFieldId">Close's id of the custom field (<c>cf_...</c>), for custom fields.</param>
public sealed record StreamProperty(string Name, string Type, string Description, bool IsCustomField, string? CustomFieldId)
{
    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
