namespace Closeio.Core.Streams;

/// <summary>
/// The smart_views stream: the smart views from <c>GET saved_search/</c>, lead and contact views both (<c>type__in=lead,contact</c>: without it Close returns lead views only), a small table read whole each run; its objects carry <c>date_updated</c>, so only those changed since the bookmark are delivered (everything on a run without one).
/// </summary>
public static class SmartViewsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new()
    {
        Name = "smart_views",
        Description = "Smart views (saved searches) of leads and of contacts; read whole, changed ones delivered.",
        KeyProperties = ["id"],
        ReplicationMethod = StreamDefinition.KeyBasedIncremental,
        ReplicationKey = "date_updated",
        Endpoint = "saved_search/",
        TypeName = "Closeio.SmartView",
        DefaultPageSize = 100,
        ListQuery = [new("type__in", "lead,contact")],
        Fields =
        [
            F("id", Str, "Smart view id (save_...)."),
            F("date_updated", Time, "When the smart view last changed."),
            F("date_created", Time, "When the smart view was created."),
            F("name", Str, "The view's name."),
            F("type", Str, "lead or contact: what the view lists."),
            F("query", Obj, "The view's search query, as data/search/ takes it."),
            F("is_shared", Bool, "True when every user of the organization sees it."),
            F("user_id", Str, "Id of the user who owns it."),
            F("organization_id", Str, "Id of the Close organization."),
            F("created_by", Str, "Id of the user who created it."),
            F("updated_by", Str, "Id of the user who last changed it."),
        ],
    };
}
