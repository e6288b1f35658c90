using System.Collections;

namespace Closeio.Core.Http;

/// <summary>
/// Any call to the Close API, for Invoke-CloseioRequest: through the connection's client, so with its
/// authentication, retries and rate limits. The path must stay under the connection's base URI; an
/// absolute URI to another host (or a path that climbs out of the API with <c>..</c>) is refused before
/// anything is sent, so the key never goes anywhere else.
/// </summary>
public sealed class ApiRequest
{
    /// <summary>The stream name of the records an <see cref="ApiRequest"/> returns.</summary>
    public const string StreamName = "api";

    // A misbehaving server that keeps saying "more" must not keep a script busy for ever.
    private const int MaxPages = 100_000;

    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase) { "GET", "POST", "PUT", "DELETE", "PATCH" };

    /// <summary>Resolves <paramref name="path"/> against <paramref name="baseUri"/>.</summary>
    /// <param name="method">GET, POST, PUT, DELETE or PATCH.</param>
    /// <param name="path">Relative to the base URI (<c>lead/</c>, <c>/lead/lead_1/</c>, <c>/api/v1/lead/</c>), or an
    /// absolute URI under the base URI. A query in it (<c>lead/?_limit=5</c>) joins <paramref name="query"/>.</param>
    /// <param name="baseUri">The connection's base URI.</param>
    /// <param name="query">URL parameters, in order.</param>
    /// <exception cref="ArgumentException">The method is unknown, or the path leaves the base URI.</exception>
    public ApiRequest(string method, string path, Uri baseUri, IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (string.IsNullOrWhiteSpace(method) || !Methods.Contains(method))
            throw new ArgumentException($"The method '{method}' is not one Close uses: GET, POST, PUT, DELETE or PATCH.", nameof(method));
        Method = method.ToUpperInvariant();
        var (relative, inPath) = Resolve(path, baseUri);
        Path = relative;
        Query = [.. inPath, .. query ?? []];
        BaseUri = baseUri;
    }

    /// <summary>The method, upper case.</summary>
    public string Method { get; }

    /// <summary>The path relative to the base URI, e.g. <c>lead/lead_1/</c>.</summary>
    public string Path { get; }

    /// <summary>The URL parameters.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    /// <summary>The base URI the path is relative to.</summary>
    public Uri BaseUri { get; }

    /// <summary>
    /// The body: JSON text, or a tree of dictionaries (objects), lists (arrays) and plain values, or null
    /// for none. A GET has none.
    /// </summary>
    public object? Body { get; init; }

    /// <summary>
    /// Follow the pages: <c>has_more</c> with <c>_skip</c>, <c>cursor_next</c> (the event log), or a search's
    /// <c>cursor</c>, and return the items of every page's <c>data</c> rather than the answers.
    /// </summary>
    public bool All { get; init; }

    /// <summary>Method and full address, for -WhatIf and messages (the query is left out: it may be long).</summary>
    public override string ToString() => $"{Method} {BaseUri.AbsoluteUri}{Path}";

    /// <summary>
    /// Sends the request (and, with <see cref="All"/>, the following pages), blocking the calling thread
    /// between answers. Without <see cref="All"/> the one answer is the one record; with it, each item of
    /// each page's <c>data</c> is (an answer without a <c>data</c> list is returned whole).
    /// </summary>
    /// <exception cref="CloseApiException">Close refused the request or failed after retries.</exception>
    /// <exception cref="ArgumentException">The body is not JSON, or a GET has one.</exception>
    public IEnumerable<Record> Run(CloseConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.BaseUri.AbsoluteUri != BaseUri.AbsoluteUri)
            throw new ArgumentException("The request was resolved against another connection's base URI.", nameof(connection));
        var body = BodyNode(Body);
        if (Method == "GET" && body is not null)
            throw new ArgumentException("A GET request carries no body: put its parameters in -Query.", nameof(Body));
        return RunAsync(connection.Client, body, cancellationToken).ToBlockingEnumerable(cancellationToken);
    }

    private async IAsyncEnumerable<Record> RunAsync(CloseClient client, JsonNode? body,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new CloseRequest(new HttpMethod(Method), Path) { Query = Query, Body = body };
        JsonElement first;
        using (var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false))
            first = answer.RootElement.Clone();

        if (!All || !TryGetData(first, out var data))
        {
            yield return ToRecord(first);
            yield break;
        }

        foreach (var item in data) yield return ToRecord(item);

        if (Method == "GET" && NextCursor(first, "cursor_next") is { } cursor)
        {
            // The event log: follow cursor_next with the other filters (EventCursorPager drops the
            // date_updated ones, which the cursor carries, and keeps their range on the client).
            var pager = new EventCursorPager(client, Without(Query, "_cursor", "_limit"), LimitOr(EventCursorPager.MaxPageSize), Path);
            for (var pages = 0; cursor is not null && pages < MaxPages; pages++)
            {
                var page = await pager.ReadPageAsync(cursor, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Data) yield return ToRecord(item);
                cursor = page.NextCursor == cursor ? null : page.NextCursor;
            }
        }
        else if (Method == "GET" && HasMore(first) && data.Count > 0)
        {
            var skip = IntOf(Query, "_skip") ?? 0;
            var pager = new SkipLimitPager(client, Path, Without(Query, "_skip", "_limit"), LimitOr(data.Count));
            skip += data.Count;
            for (var pages = 0; pages < MaxPages; pages++)
            {
                var page = await pager.ReadPageAsync(skip, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Data) yield return ToRecord(item);
                if (!page.HasMore || page.Data.Count == 0) break;
                skip += page.Data.Count;
            }
        }
        else if (Method == "POST" && body is JsonObject search && NextCursor(first, "cursor") is { } next)
        {
            // Advanced Filtering (data/search/): the cursor travels in the body; a null one ends the scan.
            for (var pages = 0; next is not null && pages < MaxPages; pages++)
            {
                search["cursor"] = next;
                var followUp = request with { Body = search };
                using var answer = await client.SendAsync(followUp, cancellationToken).ConfigureAwait(false);
                var root = answer.RootElement;
                if (!TryGetData(root, out var items)) break;
                foreach (var item in items) yield return ToRecord(item.Clone());
                var after = NextCursor(root, "cursor");
                next = after == next ? null : after;
            }
        }
    }

    private int LimitOr(int fallback) => Math.Max(1, IntOf(Query, "_limit") ?? fallback);

    private static bool TryGetData(JsonElement root, out List<JsonElement> data)
    {
        data = [];
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var list) || list.ValueKind != JsonValueKind.Array)
            return false;
        data.AddRange(list.EnumerateArray());
        return true;
    }

    private static bool HasMore(JsonElement root) =>
        root.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True;

    private static string? NextCursor(JsonElement root, string name) =>
        root.TryGetProperty(name, out var c) && c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 } s ? s : null;

    private static int? IntOf(IEnumerable<KeyValuePair<string, string>> query, string name) =>
        query.LastOrDefault(p => p.Key == name).Value is { } v && int.TryParse(v, out var n) && n >= 0 ? n : null;

    private static KeyValuePair<string, string>[] Without(IEnumerable<KeyValuePair<string, string>> query, params string[] names) =>
        query.Where(p => !names.Contains(p.Key, StringComparer.Ordinal)).ToArray();

    /// <summary>
    /// One answer or item as a record: its own keys as columns, in Close's order, values read the way the
    /// stream records' are (timestamps normalized, nested objects and lists kept).
    /// </summary>
    internal static Record ToRecord(JsonElement element)
    {
        var reader = new RecordValueReader(new HashSet<string>(StringComparer.Ordinal));
        if (element.ValueKind != JsonValueKind.Object)
            return new Record(StreamName, "", default, new RecordColumns(["value"]), [reader.Read(element, "value", isDateTime: false)]);

        var names = new List<string>();
        var values = new List<object?>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name)) continue; // JSON allows a repeated key; the last one does not win a second column
            names.Add(property.Name);
            values.Add(reader.Read(property.Value, property.Name, isDateTime: false));
        }

        var id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : "";
        var key = element.TryGetProperty("date_updated", out var updated) && updated.ValueKind == JsonValueKind.String &&
                  CloseTimestamp.TryParse(updated.GetString(), out var t) ? t : default;
        return new Record(StreamName, id, key, new RecordColumns(names), values.ToArray());
    }

    /// <summary>The body as JSON: text is parsed (and must be JSON), anything else serialized.</summary>
    private static JsonNode? BodyNode(object? body)
    {
        switch (body)
        {
            case null:
                return null;
            case string text:
                if (string.IsNullOrWhiteSpace(text)) return null;
                try
                {
                    return JsonNode.Parse(text);
                }
                catch (JsonException e)
                {
                    throw new ArgumentException($"The body is text but not JSON: {e.Message}", nameof(body), e);
                }
            case JsonNode node:
                return node;
            default:
                return ToNode(body, 0);
        }
    }

    private static JsonNode? ToNode(object? value, int depth)
    {
        if (depth > 64) throw new ArgumentException("The body nests deeper than 64 levels (a loop?).", nameof(value));
        switch (value)
        {
            case null:
                return null;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case DateTime d:
                return JsonValue.Create(CloseTimestamp.Format(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? d.ToLocalTime() : d)));
            case DateTimeOffset o:
                return JsonValue.Create(CloseTimestamp.Format(o));
            case Enum e:
                return JsonValue.Create(e.ToString());
            case IDictionary map:
                var obj = new JsonObject();
                foreach (DictionaryEntry entry in map)
                    obj[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!] = ToNode(entry.Value, depth + 1);
                return obj;
            case IEnumerable list:
                var array = new JsonArray();
                foreach (var item in list) array.Add(ToNode(item, depth + 1));
                return array;
            default:
                return JsonSerializer.SerializeToNode(value, value.GetType());
        }
    }

    private static (string Path, List<KeyValuePair<string, string>> Query) Resolve(string path, Uri baseUri)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The path is empty: give one such as 'lead/' or 'me/'.", nameof(path));
        var text = path.Trim().Replace('\\', '/');
        if (text.Contains('#')) throw new ArgumentException($"The path '{path}' has a fragment (#), which an API path never has.", nameof(path));

        var basePath = baseUri.AbsolutePath.EndsWith('/') ? baseUri.AbsolutePath : baseUri.AbsolutePath + "/";
        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && (absolute.Scheme is "http" or "https" || text.Contains("://", StringComparison.Ordinal)))
        {
            // Only an address under the connection's own base URI: the key must not travel anywhere else.
            if (!string.Equals(absolute.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase) ||
                !string.Equals(absolute.Authority, baseUri.Authority, StringComparison.OrdinalIgnoreCase) ||
                !absolute.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Refused to send the request to {absolute.GetLeftPart(UriPartial.Path)}: it is not under the connection's base URI " +
                    $"{baseUri.AbsoluteUri}, and the API key goes nowhere else. Give a path relative to it, such as 'lead/'.", nameof(path));
            }

            text = absolute.AbsolutePath[basePath.Length..] + absolute.Query;
        }
        else if (text.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The path '{path}' names another host; give a path relative to {baseUri.AbsoluteUri}, such as 'lead/'.", nameof(path));
        }
        else if (text.StartsWith(basePath, StringComparison.Ordinal) && basePath != "/")
        {
            text = text[basePath.Length..]; // "/api/v1/lead/" as copied from Close's documentation
        }

        var query = new List<KeyValuePair<string, string>>();
        var mark = text.IndexOf('?');
        if (mark >= 0)
        {
            foreach (var pair in text[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                var key = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? "" : pair[(eq + 1)..];
                query.Add(new(Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
            }

            text = text[..mark];
        }

        var segments = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0) throw new ArgumentException($"The path '{path}' names no endpoint: give one such as 'lead/' or 'me/'.", nameof(path));
        foreach (var segment in segments)
        {
            var plain = Uri.UnescapeDataString(segment);
            if (plain is "." or ".." || plain.Contains('/') || plain.Contains('\\'))
                throw new ArgumentException($"The path '{path}' climbs out of the API ({segment}); give a path such as 'lead/lead_1/'.", nameof(path));
        }

        return (string.Join('/', segments) + "/", query);
    }
}
