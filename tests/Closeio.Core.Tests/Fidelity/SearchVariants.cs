namespace Closeio.Core.Tests.Fidelity;

/// <summary>
/// <c>POST data/search/</c> as a server may answer it where the documentation is silent: the next
/// cursor named <c>cursor_next</c> instead of <c>cursor</c>, and an expired cursor refused with a
/// plain 400 whose text does not say "expired cursor". Other requests go to the Sandbox.
/// </summary>
internal sealed class SearchVariants(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _followUps;

    /// <summary>Names the next cursor <c>cursor_next</c> in every answer.</summary>
    public bool CursorNamedCursorNext { get; init; }

    /// <summary>Which follow-up pages (1 = the first request sent with a cursor) are refused with <see cref="RefusalBody"/>.</summary>
    public HashSet<int> RefuseFollowUps { get; init; } = [];

    public string RefusalBody { get; init; } = """{"error": "Bad Request"}""";

    /// <summary>Answers each page's results in reverse order, as a server that ignored <c>sort</c> might.</summary>
    public bool IgnoreSort { get; init; }

    public int Refused { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith("/data/search/", StringComparison.Ordinal))
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!;
        if (body["cursor"] is not null && RefuseFollowUps.Contains(Interlocked.Increment(ref _followUps)))
        {
            Refused++;
            return Json(HttpStatusCode.BadRequest, RefusalBody);
        }

        var answer = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((!CursorNamedCursorNext && !IgnoreSort) || !answer.IsSuccessStatusCode) return answer;
        var json = JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!.AsObject();
        if (IgnoreSort)
        {
            var data = json["data"]!.AsArray().Select(d => d?.DeepClone()).Reverse().ToArray();
            json["data"] = new JsonArray(data);
        }

        if (CursorNamedCursorNext)
        {
            var cursor = json["cursor"]?.DeepClone();
            json.Remove("cursor");
            json["cursor_next"] = cursor;
        }
        var rewritten = Json(answer.StatusCode, json.ToJsonString());
        foreach (var header in answer.Headers) rewritten.Headers.TryAddWithoutValidation(header.Key, header.Value);
        answer.Dispose();
        return rewritten;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
