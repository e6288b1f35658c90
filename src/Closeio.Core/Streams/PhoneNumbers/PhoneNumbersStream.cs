namespace Closeio.Core.Streams;

/// <summary>
/// The phone_numbers stream: the organization's phone numbers from <c>GET phone_number/</c>, a small table read whole each run; its objects carry <c>date_updated</c>, so only those changed since the bookmark are delivered (everything on a run without one).
/// </summary>
public static class PhoneNumbersStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "phone_numbers",
        Description = "Phone numbers of users and groups; read whole, changed ones delivered.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "phone_number/",
        TypeName = "Closeio.PhoneNumber",
        DefaultPageSize = 100,
        Fields =
        [
            F("id", Str, "Phone number id (phon_...)."),
            F("date_updated", Time, "When the number last changed."),
            F("date_created", Time, "When the number was created."),
            F("number", Str, "The number in E.164 form."),
            F("number_formatted", Str, "The number as people write it."),
            F("label", Str, "The number's label."),
            F("type", Str, "virtual, internal, ..."),
            F("is_group_number", Bool, "True for a number shared by a group."),
            F("user_id", Str, "Id of the user the number belongs to; null for a group number."),
            F("country", Str, "Country code of the number."),
            F("sms_enabled", Bool, "True when the number can send SMS."),
            F("organization_id", Str, "Id of the Close organization."),
            F("created_by", Str, "Id of the user who created it."),
            F("updated_by", Str, "Id of the user who last changed it."),
        ],
    };
}
