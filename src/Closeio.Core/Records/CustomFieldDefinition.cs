namespace Closeio.Core.Records;

/// <summary>
/// What the shaper needs to know about one Close custom field to give it a column.
/// </summary>
/// <param name="Id">Close's id, <c>cf_...</c>.</param>
/// <param name="Name">The name users gave the field; becomes the column name.</param>
/// <param name="Kind">The custom field endpoint it came from: lead, contact, opportunity, activity or shared.</param>
/// <param name="Type">Close's value type (text, number, date, datetime, choices, user, ...).</param>
public sealed record CustomFieldDefinition(string Id, string Name, string Kind, string Type);
