namespace Closeio.Core.State;

/// <summary>
/// Imports the bookmarks of a tap-closeio (Singer) state, e.g.
/// <c>{"bookmarks": {"leads": {"date_updated": "2024-01-02T03:04:05.000000Z"}}, "currently_syncing": null}</c>,
/// so that a user moving from Stitch or Singer continues where the tap stopped. Timestamps may be in any
/// style the tap wrote (<c>...Z</c>, <c>...+00:00</c>, a bare date); they are stored canonically.
/// </summary>
public static class TapStateImport
{
    /// <summary>
    /// Sets the bookmarks of <paramref name="profile"/> from <paramref name="tapStateJson"/>. Imported values
    /// replace the profile's, even when older: an import is an explicit request. Streams this module does not
    /// know are listed in <see cref="TapStateImportResult.UnknownStreams"/> and not imported. Nothing is changed
    /// unless the whole state is valid. A Meltano-style <c>{"singer_state": {...}}</c> wrapper is accepted.
    /// </summary>
    /// <exception cref="FormatException">The text is not a tap-closeio state (not JSON, no bookmarks object,
    /// or a known stream's bookmark without a readable timestamp); the message says which part.</exception>
    public static TapStateImportResult Apply(Profile profile, string tapStateJson)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(tapStateJson);

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(tapStateJson);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The tap state is not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            var state = doc.RootElement;
            if (state.ValueKind == JsonValueKind.Object &&
                state.TryGetProperty("singer_state", out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                state = inner;
            }

            if (state.ValueKind != JsonValueKind.Object ||
                !state.TryGetProperty("bookmarks", out var bookmarks) || bookmarks.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException(
                    "This is not a tap-closeio state: it has no \"bookmarks\" object. " +
                    "Expected {\"bookmarks\": {\"leads\": {\"date_updated\": \"2024-01-02T03:04:05.000000Z\"}, ...}}.");
            }

            var parsed = new List<(string Stream, string Key, DateTimeOffset Value)>();
            var unknown = new List<string>();
            foreach (var entry in bookmarks.EnumerateObject())
            {
                // A full-table stream keeps no bookmark: a state that names one is not tap-closeio's.
                if (StreamCatalog.TryGet(entry.Name, out var stream) && stream.ReplicationKey is { } key)
                {
                    parsed.Add((stream.Name, key, ReadValue(entry, key)));
                }
                else
                {
                    unknown.Add(entry.Name);
                }
            }

            // Only now, with everything valid, touch the profile.
            foreach (var (stream, key, value) in parsed)
            {
                profile.SetBookmark(stream, key, value);
            }

            string? currentlySyncing = state.TryGetProperty("currently_syncing", out var current) &&
                                       current.ValueKind == JsonValueKind.String
                ? current.GetString()
                : null;

            return new TapStateImportResult(profile, parsed.Select(p => p.Stream).ToList(), unknown, currentlySyncing);
        }
    }

    private static DateTimeOffset ReadValue(JsonProperty entry, string key)
    {
        if (entry.Value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The tap state's bookmark for '{entry.Name}' is not an object.");
        }

        if (!entry.Value.TryGetProperty(key, out var value))
        {
            var found = string.Join(", ", entry.Value.EnumerateObject().Select(p => p.Name));
            throw new FormatException(
                $"The tap state's bookmark for '{entry.Name}' has no '{key}' (it has: {(found.Length == 0 ? "nothing" : found)}).");
        }

        return value.ValueKind == JsonValueKind.String && CloseTimestamp.TryParse(value.GetString(), out var t)
            ? t
            : throw new FormatException(
                $"The tap state's bookmark '{entry.Name}.{key}' is not a timestamp: {value.GetRawText()}.");
    }
}
