namespace Closeio.Core.Records;

/// <summary>
/// What the shaper needs to know about one Close custom field to give it a column.
/// </summary>
/// <param name="Id">Close's id, <c>cf_...</c>.</param>
/// <param name="Name">The name users gave the field; becomes the column name.</param>
/// <param name="Kind">The custom field endpoint it came from: lead, contact, opportunity, activity or shared.</param>
/// <param name="Type">Close's value type (text, number, date, datetime, choices, user, ...).</param>
public sealed record CustomFieldDefinition(string Id, string Name, string Kind, string Type)
{
    /// <summary>True when a record holds a list of values for the field (Close's <c>accepts_multiple_values</c>).</summary>
    public bool AcceptsMultipleValues { get; init; }

    /// <summary>
    /// Reads a definition from an object of Close's <c>custom_field/{kind}/</c> endpoint; null when
    /// the object has no id (there is nothing to map values to). A field without a name is named by
    /// its id; one without a type is taken as text. The one reader of definitions: the sync, the
    /// queries and Get-CloseioStream all name columns from it.
    /// </summary>
    /// <param name="closeObject">One element of the endpoint's <c>data</c>.</param>
    /// <param name="kind">The kind in the endpoint path the object came from.</param>
    public static CustomFieldDefinition? FromJson(JsonElement closeObject, string kind)
    {
        if (closeObject.ValueKind != JsonValueKind.Object)
            return null;
        var id = Text(closeObject, "id");
        if (string.IsNullOrEmpty(id))
            return null;
        return new CustomFieldDefinition(id, Text(closeObject, "name") ?? id, kind, Text(closeObject, "type") ?? "text")
        {
            AcceptsMultipleValues = closeObject.TryGetProperty("accepts_multiple_values", out var multiple) &&
                                    multiple.ValueKind == JsonValueKind.True,
        };
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
