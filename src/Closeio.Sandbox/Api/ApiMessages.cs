using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// One request as the pipeline sees it, whichever way it came in (in-process handler or loopback
/// server). Path is the part after <c>/api/v1</c>, so it starts and ends with '/'.
/// </summary>
internal sealed class ApiRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public byte[] Body { get; init; } = [];

    /// <summary>Builds a request from a full URL path with query string (as both transports receive it).</summary>
    public static ApiRequest From(string method, string pathAndQuery, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        var q = pathAndQuery.IndexOf('?');
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        var query = q < 0 ? "" : pathAndQuery[(q + 1)..];
        return new ApiRequest
        {
            Method = method.ToUpperInvariant(),
            Path = Uri.UnescapeDataString(path),
            Query = ParseQuery(query),
            Headers = headers,
            Body = body,
        };
    }

    /// <summary>Parses <c>a=1&amp;b=x%2By</c>; a repeated name keeps its last value, as Close's framework does.</summary>
    public static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            result[name] = value;
        }
        return result;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}

/// <summary>The pipeline's answer, before a transport turns it into HTTP.</summary>
internal sealed class ApiResponse
{
    public int Status { get; set; } = 200;
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public byte[] Body { get; set; } = [];
    public string ContentType { get; set; } = "application/json";

    /// <summary>The transport must break the connection instead of answering.</summary>
    public bool DropConnection { get; set; }

    public static ApiResponse Json(int status, JsonNode body) =>
        new() { Status = status, Body = Encoding.UTF8.GetBytes(body.ToJsonString(Wire)) };

    // Close writes '+' and non-ASCII text as they are, not as \u escapes; so does the emulator.
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>Thrown by endpoints for any non-200 answer; the pipeline turns it into a response.</summary>
internal sealed class ApiException(int status, JsonObject body) : Exception(body.ToJsonString())
{
    public int Status { get; } = status;
    public JsonObject Body { get; } = body;

    /// <summary>400 with Close's plain <c>{"error": "..."}</c> body.</summary>
    public static ApiException BadRequest(string message) => new(400, new JsonObject { ["error"] = message });

    /// <summary>400 with Close's validation shape: <c>{"errors": [], "field-errors": {name: message}}</c>.</summary>
    public static ApiException FieldError(string field, string message) => new(400, new JsonObject
    {
        ["errors"] = new JsonArray(),
        ["field-errors"] = new JsonObject { [field] = message },
    });

    /// <summary>400 with the messages of one field in a list, as Close answers an expired search cursor: <c>{"field-errors": {"cursor": ["Expired cursor"]}}</c>.</summary>
    public static ApiException FieldErrors(string field, params string[] messages)
    {
        var list = new JsonArray();
        foreach (var m in messages) list.Add(m);
        return new(400, new JsonObject { ["errors"] = new JsonArray(), ["field-errors"] = new JsonObject { [field] = list } });
    }

    public static ApiException NotFound(string what) => new(404, new JsonObject { ["error"] = $"{what} not found." });
}
