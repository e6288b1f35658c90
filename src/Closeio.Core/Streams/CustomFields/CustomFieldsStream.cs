namespace Closeio.Core.Streams;

/// <summary>The custom_fields stream: the definitions of every custom field kind, read once per run and shared with the streams whose records carry custom values (see <see cref="CustomFieldsReader"/>).</summary>
public static class CustomFieldsStream
{
    /// <summary>
    /// The custom field kinds Close serves under <c>custom_field/{kind}/</c>, custom objects' fields
    /// included; a kind an organization's plan lacks (404) has no fields. Declared before the
    /// definition, which reads them.
    /// </summary>
    public static IReadOnlyList<string> Kinds { get; } = ["lead", "contact", "opportunity", "activity", "shared", "custom_object_type"];

    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "custom_fields",
        Description = "Custom field definitions of every kind (lead, contact, opportunity, activity, shared, custom_object_type).",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "custom_field/{kind}/",
        TypeName = "Closeio.CustomField",
        CustomFieldKindsRead = Kinds,
        DefaultPageSize = CustomFieldSet.PageSize,
        ServesCustomFieldDefinitions = true,
        Fields =
        [
            F("id", Str, "Custom field id (cf_...)."),
            F("date_updated", Time, "When the definition last changed."),
            F("choices", Arr, "Allowed values of a choices field."),
            F("created_by", Str, "Id of the user who created the field."),
            F("date_created", Time, "When the field was created."),
            F("editable_with_roles", Arr, "Roles allowed to edit values of the field."),
            F("name", Str, "The field's name, which is also its column name on records."),
            F("organization_id", Str, "Id of the Close organization."),
            F("type", Str, "Value type: text, number, date, datetime, choices, user, contact, hidden."),
            F("updated_by", Str, "Id of the user who last changed the field."),
            F("description", Str, "Help text of the field."),
            F("accepts_multiple_values", Bool, "Whether a record can hold several values."),
            F("is_shared", Bool, "Whether the field is a shared field."),
            F("associations", Arr, "Shared fields: the object types the field is attached to."),
            F("kind", Str, "Which custom_field/{kind}/ endpoint the definition came from."),
        ],
        CreateReader = static () => new CustomFieldsReader(),
    };
}
