namespace Closeio.Core.Http;

/// <summary>
/// One logical call to Close. <paramref name="Path"/> is relative to the base URI and ends with
/// <c>/</c> (e.g. <c>activity/</c>); a leading slash is ignored and a missing trailing one is added.
/// </summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Path">Relative path, e.g. <c>lead/</c> or <c>data/search/</c>.</param>
public sealed record CloseRequest(HttpMethod Method, string Path)
{
    /// <summary>URL parameters, in order; keys may repeat. Escaped by the client.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>JSON body of a POST.</summary>
    public JsonNode? Body { get; init; }

    /// <summary>Where this request's attempts, retries, 429s and failures are counted.</summary>
    public RequestCounters? Counters { get; init; }
}
