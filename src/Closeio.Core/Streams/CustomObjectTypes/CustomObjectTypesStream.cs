namespace Closeio.Core.Streams;

/// <summary>
/// The custom_object_types stream: the custom object types from <c>GET custom_object_type/</c>, a small table read whole each run; its objects carry <c>date_updated</c>, so only those changed since the bookmark are delivered (everything on a run without one).
/// </summary>
public static class CustomObjectTypesStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "custom_object_types",
        Description = "Custom object types and the custom fields they use; read whole, changed ones delivered.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "custom_object_type/",
        TypeName = "Closeio.CustomObjectType",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Custom object type id (cotype_...)."),
            F("date_updated", Time, "When the type last changed."),
            F("date_created", Time, "When the type was created."),
            F("name", Str, "The type's name."),
            F("name_plural", Str, "The type's name in the plural."),
            F("description", Str, "What the type is for."),
            F("api_create_only", Bool, "True when only the API may create objects of this type."),
            F("editable_with_roles", Arr, "Ids of the roles that may edit it."),
            F("fields", Arr, "The custom fields of the type: id, required."),
            F("back_reference_fields", Arr, "Fields of other objects that refer to this type."),
            F("organization_id", Str, "Id of the Close organization."),
            F("created_by", Str, "Id of the user who created it."),
            F("updated_by", Str, "Id of the user who last changed it."),
        ],
    };
}
