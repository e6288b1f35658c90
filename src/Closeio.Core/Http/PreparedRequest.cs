using System.Net.Http.Headers;

namespace Closeio.Core.Http;

/// <summary>
/// A <see cref="CloseRequest"/> turned into what goes on the wire, once per call: the URL with its
/// escaped query, or, for a GET whose URL would be too long, a POST carrying <c>{"_params": ...}</c>
/// with <c>x-http-method-override: GET</c>. Each attempt gets a fresh message from <see cref="CreateMessage"/>.
/// </summary>
internal sealed class PreparedRequest(string method, string logPath, string endpointGroup, Uri uri, HttpMethod wireMethod,
    byte[]? body, bool overridesGet)
{
    /// <summary>Past this many characters a GET travels as a POST override (URLs get cut around 4-8 KB).</summary>
    internal const int MaxUrlLength = 4000;

    // Exactly "application/json": UTF-8 is JSON's default, and a strict server may refuse a charset parameter.
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri _uri = uri;
    private readonly HttpMethod _wireMethod = wireMethod;
    private readonly byte[]? _body = body;
    private readonly bool _overridesGet = overridesGet;

    /// <summary>The method as intended (GET even when sent as an override).</summary>
    public string Method { get; } = method;

    /// <summary>Path and query for the log; the query is omitted when it travels in the body.</summary>
    public string LogPath { get; } = logPath;

    /// <summary>Rate-limit group, e.g. <c>GET lead/{id}/</c>.</summary>
    public string EndpointGroup { get; } = endpointGroup;

    /// <summary>The URI the request goes to (with its query, unless that travels in the body).</summary>
    public Uri RequestUri => _uri;

    /// <summary>Whether the query travels as <c>_params</c> in a POST body.</summary>
    public bool ParamsInBody => _overridesGet;

    /// <summary>Validates and encodes a request against a base URI ending in <c>/</c>.</summary>
    public static PreparedRequest Create(Uri baseUri, CloseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Method);
        var path = NormalizePath(request.Path);
        var method = request.Method.Method.ToUpperInvariant();
        var group = Http.EndpointGroup.For(method, path);
        var query = EncodeQuery(request.Query ?? []);
        var pathAndQuery = query.Length == 0 ? path : $"{path}?{query}";
        var fullUrl = baseUri.AbsoluteUri + pathAndQuery;
        var isGet = request.Method == HttpMethod.Get;

        if (isGet && request.Body is not null)
            throw new ArgumentException("A GET request carries no body; put its parameters in Query.", nameof(request));

        if (isGet && fullUrl.Length > MaxUrlLength)
        {
            var body = new JsonObject { ["_params"] = ParamsObject(request.Query!) };
            return new PreparedRequest(method, path, group, new Uri(baseUri.AbsoluteUri + path), HttpMethod.Post,
                JsonSerializer.SerializeToUtf8Bytes(body), overridesGet: true);
        }

        var bytes = request.Body is null ? null : Encoding.UTF8.GetBytes(request.Body.ToJsonString());
        return new PreparedRequest(method, pathAndQuery, group, new Uri(fullUrl), request.Method, bytes, overridesGet: false);
    }

    /// <summary>A new message for one attempt (a sent message cannot be sent again).</summary>
    public HttpRequestMessage CreateMessage()
    {
        var message = new HttpRequestMessage(_wireMethod, _uri);
        if (_overridesGet) message.Headers.TryAddWithoutValidation("x-http-method-override", "GET");
        if (_body is not null)
        {
            message.Content = new ByteArrayContent(_body);
            message.Content.Headers.ContentType = Json;
        }
        return message;
    }

    // Paths are relative to the base URI ("lead/", not "/api/v1/lead/"); a leading slash would
    // climb to the host root, and Close answers a path without its trailing slash with a redirect.
    private static string NormalizePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The request path is empty.", nameof(path));
        if (path.Contains("://", StringComparison.Ordinal) || path.Contains('?') || path.Contains('#'))
            throw new ArgumentException($"The request path must be relative and carry no query (use Query): '{path}'.", nameof(path));
        var trimmed = path.TrimStart('/');
        return trimmed.EndsWith('/') ? trimmed : trimmed + "/";
    }

    private static string EncodeQuery(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        if (query.Count == 0) return "";
        var sb = new StringBuilder();
        foreach (var (key, value) in query)
        {
            if (sb.Length > 0) sb.Append('&');
            sb.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
        }
        return sb.ToString();
    }

    // A key given more than once becomes a JSON list, since an object cannot repeat a key.
    private static JsonObject ParamsObject(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var result = new JsonObject();
        foreach (var group in query.GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            var values = group.Select(p => p.Value).ToList();
            result[group.Key] = values.Count == 1
                ? JsonValue.Create(values[0])
                : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
        return result;
    }
}
