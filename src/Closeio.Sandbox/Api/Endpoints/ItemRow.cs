using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>An item handle with its rendering made on first need: filters on fields the handle lacks render it, the rest never do.</summary>
internal sealed class ItemRow(SandboxItem item)
{
    private JsonObject? _json;
    private string? _id;
    public SandboxItem Item { get; } = item;
    public JsonObject Json => _json ??= Item.Render();
    /// <summary>The id, computed once (the model builds id strings on every call).</summary>
    public string Id => _id ??= Item.Id;

    /// <summary>A field's value as text (null when missing); the item's own dates need no rendering.</summary>
    public string? Text(SearchField field) => field.Name switch
    {
        "id" when !field.IsCustom => Item.Id,
        "date_created" when !field.IsCustom => Item.DateCreated.ToString("O"),
        "date_updated" when !field.IsCustom => Item.DateUpdated.ToString("O"),
        _ => JsonValues.String(Json, field.JsonKey),
    };

    public DateTimeOffset? Date(SearchField field) => field.Name switch
    {
        "date_created" when !field.IsCustom => Item.DateCreated,
        "date_updated" when !field.IsCustom => Item.DateUpdated,
        _ => ApiDates.TryParse(Text(field), out var d) ? d : null,
    };

    /// <summary>A top-level field of the rendered object, as text.</summary>
    public string? String(string name) => JsonValues.String(Json, name);

    /// <summary>A top-level date field of the rendered object (any of Close's forms), or null.</summary>
    public DateTimeOffset? DateOf(string name) => JsonValues.Date(Json, name);
}
