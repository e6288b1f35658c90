namespace Closeio.Core.Tests.Streams;

/// <summary>
/// <c>POST data/search/</c> as a server may answer it where the documentation is silent: the next
/// cursor named <c>cursor_next</c> instead of <c>cursor</c>, and an expired cursor refused with a
/// plain 400 whose text does not say "expired cursor". Other requests go to the Sandbox.
/// </summary>
internal sealed class SearchVariants(HttpMessageHandler inner) : AnswerRewriter(inner)
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
        if (IsSearch(request))
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!;
            if (body["cursor"] is not null && RefuseFollowUps.Contains(Interlocked.Increment(ref _followUps)))
            {
                Refused++;
                return Json(HttpStatusCode.BadRequest, RefusalBody);
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override bool Applies(HttpRequestMessage request) => IsSearch(request) && (CursorNamedCursorNext || IgnoreSort);

    protected override bool Rewrite(JsonObject json)
    {
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

        return true;
    }
}
