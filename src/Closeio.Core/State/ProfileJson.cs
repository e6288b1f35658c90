using System.Xml;

namespace Closeio.Core.State;

/// <summary>
/// The profile file format: reads and writes a <see cref="Profile"/> as JSON, bookmarks in Singer's shape.
/// </summary>
/// <remarks>
/// Written by hand with <see cref="Utf8JsonWriter"/> and read with <see cref="JsonDocument"/> rather than
/// through attribute-driven serialization, because the bookmark shape is Singer's (the replication key's
/// name is a property name) and every problem must be reported with where in the file it is.
/// <code>
/// { "schema_version": 1,
///   "settings": { "start_date": null, "look_back": "P1D", "page_sizes": {}, "base_uri": null, "streams": null,
///                 "proxy": null, "proxy_use_default_credentials": false, "request_timeout": null, "max_retries": null },
///   "bookmarks": { "leads": { "date_updated": "2024-05-01T10:00:00.000000Z", "replication_key": "date_updated",
///                             "boundary_ids": ["lead_1"] } },
///   "last_run": { "leads": { "started": "...Z", "ended": "...Z", "records": 10, ... "outcome": "Completed" } } }
/// </code>
/// </remarks>
internal static class ProfileJson
{
    internal const string ReplicationKeyField = "replication_key";
    internal const string BoundaryIdsField = "boundary_ids";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>Serializes <paramref name="profile"/> to UTF-8 JSON.</summary>
    /// <exception cref="ArgumentException">The profile holds a value that could not be read back (a negative
    /// look-back, a page size below 1, a missing bookmark): refused here so that no such file is ever written.</exception>
    public static byte[] Serialize(Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Validate(profile);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", Profile.CurrentSchemaVersion);
            WriteSettings(w, profile.Settings ?? new ProfileSettings());
            WriteBookmarks(w, profile.Bookmarks);
            WriteLastRun(w, profile.LastRun);
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a profile.</summary>
    /// <exception cref="JsonException">The bytes are not JSON.</exception>
    /// <exception cref="InvalidDataException">The JSON is not a profile this module can read; the message says where.</exception>
    public static Profile Deserialize(ReadOnlyMemory<byte> utf8)
    {
        using var doc = JsonDocument.Parse(utf8);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"the file holds a JSON {Describe(root.ValueKind)}, not an object.");
        }

        if (!root.TryGetProperty("schema_version", out var versionElement))
        {
            throw new InvalidDataException("it has no schema_version, so it is not a CloseioPS profile.");
        }

        if (versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out var version))
        {
            throw new InvalidDataException("schema_version must be a whole number.");
        }

        if (version > Profile.CurrentSchemaVersion)
        {
            throw new InvalidDataException(
                $"it was written by a newer CloseioPS (schema version {version}; this module reads up to " +
                $"{Profile.CurrentSchemaVersion}). Update the module.");
        }

        if (version < 1)
        {
            throw new InvalidDataException($"schema_version {version} is not valid.");
        }

        var profile = new Profile { SchemaVersion = version };
        if (Optional(root, "settings", JsonValueKind.Object, "settings") is { } settings)
        {
            profile.Settings = ReadSettings(settings);
        }

        if (Optional(root, "bookmarks", JsonValueKind.Object, "bookmarks") is { } bookmarks)
        {
            foreach (var stream in bookmarks.EnumerateObject())
            {
                profile.Bookmarks[stream.Name] = ReadBookmark(stream.Value, $"bookmarks.{stream.Name}");
            }
        }

        if (Optional(root, "last_run", JsonValueKind.Object, "last_run") is { } lastRun)
        {
            foreach (var stream in lastRun.EnumerateObject())
            {
                profile.LastRun[stream.Name] = ReadSummary(stream.Name, stream.Value, $"last_run.{stream.Name}");
            }
        }

        return profile;
    }

    private static void Validate(Profile profile)
    {
        var settings = profile.Settings ?? new ProfileSettings();
        if (settings.LookBack < TimeSpan.Zero)
        {
            throw new ArgumentException($"The look-back cannot be negative ({settings.LookBack}).", nameof(profile));
        }

        if (settings.RequestTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The request timeout must be positive ({timeout}).", nameof(profile));
        }

        if (settings.MaxRetries is < 0)
        {
            throw new ArgumentException($"The retry count cannot be negative ({settings.MaxRetries}).", nameof(profile));
        }

        foreach (var (stream, size) in settings.PageSizes ?? [])
        {
            if (size < 1)
            {
                throw new ArgumentException($"The page size of '{stream}' must be at least 1, not {size}.", nameof(profile));
            }
        }

        foreach (var (stream, bookmark) in profile.Bookmarks ?? [])
        {
            if (bookmark is null)
            {
                throw new ArgumentException($"The bookmark of '{stream}' is missing; reset the stream instead.", nameof(profile));
            }
        }

        foreach (var (stream, run) in profile.LastRun ?? [])
        {
            if (run is null)
            {
                throw new ArgumentException($"The last-run summary of '{stream}' is missing.", nameof(profile));
            }
        }
    }

    private static void WriteSettings(Utf8JsonWriter w, ProfileSettings s)
    {
        w.WriteStartObject("settings");
        WriteTimestampOrNull(w, "start_date", s.StartDate);
        // ISO 8601 duration (P1D, PT6H): a standard, readable form for a hand-edited file.
        w.WriteString("look_back", XmlConvert.ToString(s.LookBack));
        w.WriteStartObject("page_sizes");
        foreach (var (stream, size) in (s.PageSizes ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(stream, size);
        }

        w.WriteEndObject();
        if (s.BaseUri is null)
        {
            w.WriteNull("base_uri");
        }
        else
        {
            w.WriteString("base_uri", s.BaseUri);
        }

        if (s.Streams is null)
        {
            w.WriteNull("streams");
        }
        else
        {
            w.WriteStartArray("streams");
            foreach (var stream in s.Streams)
            {
                w.WriteStringValue(stream);
            }

            w.WriteEndArray();
        }

        WriteConnectionSettings(w, s);
        w.WriteEndObject();
    }

    // The connection settings a later Connect-Closeio -ProfileName reuses; never a secret.
    private static void WriteConnectionSettings(Utf8JsonWriter w, ProfileSettings s)
    {
        if (s.Proxy is null)
        {
            w.WriteNull("proxy");
        }
        else
        {
            w.WriteString("proxy", s.Proxy);
        }

        w.WriteBoolean("proxy_use_default_credentials", s.ProxyUseDefaultCredentials);
        if (s.RequestTimeout is { } timeout)
        {
            w.WriteString("request_timeout", XmlConvert.ToString(timeout));
        }
        else
        {
            w.WriteNull("request_timeout");
        }

        if (s.MaxRetries is { } retries)
        {
            w.WriteNumber("max_retries", retries);
        }
        else
        {
            w.WriteNull("max_retries");
        }
    }

    /// <summary>
    /// The profile's bookmarks alone, compact, as a Singer state: <c>{"bookmarks": {...}}</c> in the same
    /// shape as in the file (what tap-closeio's state holds, and what the tap-state import reads back).
    /// </summary>
    public static string StateJson(Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteBookmarks(w, profile.Bookmarks);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteBookmarks(Utf8JsonWriter w, Dictionary<string, StreamBookmark>? bookmarks)
    {
        w.WriteStartObject("bookmarks");
        foreach (var (stream, b) in (bookmarks ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(stream);
            WriteTimestampOrNull(w, b.Key, b.Value);
            w.WriteString(ReplicationKeyField, b.Key);
            if (b.BoundaryIds is { Count: > 0 })
            {
                w.WriteStartArray(BoundaryIdsField);
                foreach (var id in b.BoundaryIds)
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
            }

            foreach (var (name, value) in (b.Extra ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                // An extra field may not shadow the fields this format owns.
                if (name != b.Key && name != ReplicationKeyField && name != BoundaryIdsField)
                {
                    w.WriteString(name, value);
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteLastRun(Utf8JsonWriter w, Dictionary<string, StreamRunSummary>? lastRun)
    {
        w.WriteStartObject("last_run");
        foreach (var (stream, r) in (lastRun ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(stream);
            w.WriteString("started", CloseTimestamp.Format(r.Started));
            w.WriteString("ended", CloseTimestamp.Format(r.Ended));
            w.WriteNumber("records", r.Records);
            w.WriteNumber("requests", r.Requests);
            w.WriteNumber("retries", r.Retries);
            w.WriteNumber("rate_limited", r.RateLimited);
            w.WriteNumber("errors", r.Errors);
            w.WriteString("outcome", r.Outcome);
            if (r.Error is null)
            {
                w.WriteNull("error");
            }
            else
            {
                w.WriteString("error", r.Error);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static ProfileSettings ReadSettings(JsonElement e)
    {
        var s = new ProfileSettings();
        if (Optional(e, "start_date", JsonValueKind.String, "settings.start_date") is { } start)
        {
            s.StartDate = ReadTimestamp(start, "settings.start_date");
        }

        if (Optional(e, "look_back", JsonValueKind.String, "settings.look_back") is { } lookBack)
        {
            s.LookBack = ReadDuration(lookBack.GetString()!, "settings.look_back");
        }

        if (Optional(e, "page_sizes", JsonValueKind.Object, "settings.page_sizes") is { } sizes)
        {
            foreach (var p in sizes.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out var size) || size < 1)
                {
                    throw new InvalidDataException($"settings.page_sizes.{p.Name} must be a positive whole number.");
                }

                s.PageSizes[p.Name] = size;
            }
        }

        if (Optional(e, "base_uri", JsonValueKind.String, "settings.base_uri") is { } baseUri)
        {
            s.BaseUri = baseUri.GetString();
        }

        if (Optional(e, "streams", JsonValueKind.Array, "settings.streams") is { } streams)
        {
            s.Streams = [];
            foreach (var item in streams.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidDataException("settings.streams must hold stream names (strings).");
                }

                s.Streams.Add(item.GetString()!);
            }
        }

        ReadConnectionSettings(e, s);
        return s;
    }

    private static void ReadConnectionSettings(JsonElement e, ProfileSettings s)
    {
        if (Optional(e, "proxy", JsonValueKind.String, "settings.proxy") is { } proxy)
        {
            s.Proxy = proxy.GetString();
        }

        if (e.TryGetProperty("proxy_use_default_credentials", out var useDefault) && useDefault.ValueKind != JsonValueKind.Null)
        {
            s.ProxyUseDefaultCredentials = useDefault.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new InvalidDataException("settings.proxy_use_default_credentials must be true or false."),
            };
        }

        if (Optional(e, "request_timeout", JsonValueKind.String, "settings.request_timeout") is { } timeout)
        {
            var t = ReadDuration(timeout.GetString()!, "settings.request_timeout");
            s.RequestTimeout = t > TimeSpan.Zero
                ? t
                : throw new InvalidDataException("settings.request_timeout must be longer than zero.");
        }

        if (Optional(e, "max_retries", JsonValueKind.Number, "settings.max_retries") is { } retries)
        {
            s.MaxRetries = retries.TryGetInt32(out var n) && n >= 0
                ? n
                : throw new InvalidDataException("settings.max_retries must be a whole number, zero or more.");
        }
    }

    private static StreamBookmark ReadBookmark(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where} must be an object such as {{\"date_updated\": \"2024-05-01T00:00:00.000000Z\"}}.");
        }

        var key = Optional(e, ReplicationKeyField, JsonValueKind.String, $"{where}.{ReplicationKeyField}")?.GetString()
                  ?? InferKey(e, where);
        var bookmark = new StreamBookmark(key);

        foreach (var p in e.EnumerateObject())
        {
            if (p.Name == key)
            {
                bookmark.Value = p.Value.ValueKind == JsonValueKind.Null ? null : ReadTimestamp(p.Value, $"{where}.{key}");
            }
            else if (p.Name == BoundaryIdsField)
            {
                bookmark.BoundaryIds = ReadStringArray(p.Value, $"{where}.{BoundaryIdsField}");
            }
            else if (p.Name != ReplicationKeyField)
            {
                // Kept as text: a string as itself, anything else as its JSON.
                bookmark.Extra[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        return bookmark;
    }

    /// <summary>
    /// A bookmark written by hand (or by a Singer tap) may lack <c>replication_key</c>; then the one field
    /// holding a timestamp is the key. More than one, or none, is ambiguous and refused.
    /// </summary>
    private static string InferKey(JsonElement e, string where)
    {
        var candidates = e.EnumerateObject()
            .Where(p => p.Name != BoundaryIdsField && p.Value.ValueKind == JsonValueKind.String &&
                        CloseTimestamp.TryParse(p.Value.GetString(), out _))
            .Select(p => p.Name)
            .ToList();
        return candidates.Count == 1
            ? candidates[0]
            : throw new InvalidDataException(
                $"{where} must name its key in \"{ReplicationKeyField}\" or hold exactly one timestamp " +
                $"(found {candidates.Count}).");
    }

    private static StreamRunSummary ReadSummary(string stream, JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where} must be an object.");
        }

        return new StreamRunSummary
        {
            Stream = stream,
            Started = Optional(e, "started", JsonValueKind.String, $"{where}.started") is { } started
                ? ReadTimestamp(started, $"{where}.started")
                : default,
            Ended = Optional(e, "ended", JsonValueKind.String, $"{where}.ended") is { } ended
                ? ReadTimestamp(ended, $"{where}.ended")
                : default,
            Records = ReadCount(e, "records", where),
            Requests = ReadCount(e, "requests", where),
            Retries = ReadCount(e, "retries", where),
            RateLimited = ReadCount(e, "rate_limited", where),
            Errors = ReadCount(e, "errors", where),
            Outcome = Optional(e, "outcome", JsonValueKind.String, $"{where}.outcome")?.GetString() ?? "",
            Error = Optional(e, "error", JsonValueKind.String, $"{where}.error")?.GetString(),
        };
    }

    private static long ReadCount(JsonElement e, string name, string where)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new InvalidDataException($"{where}.{name} must be a whole number, not {v.GetRawText()}.");
    }

    /// <summary>The property when present and not null; throws when it has the wrong JSON type.</summary>
    private static JsonElement? Optional(JsonElement e, string name, JsonValueKind kind, string where)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == kind
            ? v
            : throw new InvalidDataException($"{where} must be a JSON {Describe(kind)}, not {Describe(v.ValueKind)}.");
    }

    private static DateTimeOffset ReadTimestamp(JsonElement e, string where) =>
        e.ValueKind == JsonValueKind.String && CloseTimestamp.TryParse(e.GetString(), out var t)
            ? t
            : throw new InvalidDataException($"{where} is not a timestamp: {e.GetRawText()}.");

    private static TimeSpan ReadDuration(string text, string where)
    {
        // ISO 8601 (what we write) or .NET's constant form ("1.00:00:00", "06:00:00") for hand edits.
        try
        {
            var d = XmlConvert.ToTimeSpan(text);
            if (d >= TimeSpan.Zero)
            {
                return d;
            }
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            if (TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var c) && c >= TimeSpan.Zero)
            {
                return c;
            }
        }

        throw new InvalidDataException($"{where} must be a duration such as \"P1D\" or \"PT6H\", not \"{text}\".");
    }

    private static List<string> ReadStringArray(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Array || e.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
        {
            throw new InvalidDataException($"{where} must be an array of ids (strings).");
        }

        return e.EnumerateArray().Select(i => i.GetString()!).ToList();
    }

    private static void WriteTimestampOrNull(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, CloseTimestamp.Format(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };
}
