namespace Closeio.Core.Tests.Support;

/// <summary>
/// Rewrites the Sandbox's JSON answers, to play a server that answers otherwise than the Sandbox: each
/// successful answer to a request that <see cref="Applies"/> picks is parsed, handed to
/// <see cref="Rewrite"/>, and sent on with its headers if that changed it.
/// </summary>
public class AnswerRewriter(HttpMessageHandler inner, Func<HttpRequestMessage, bool>? applies = null, Func<JsonObject, bool>? rewrite = null)
    : DelegatingHandler(inner)
{
    private int _rewritten;

    /// <summary>How many answers were rewritten.</summary>
    public int Rewritten => Volatile.Read(ref _rewritten);

    /// <summary>Whether the answer to this request is to be rewritten (all, unless a predicate was given).</summary>
    protected virtual bool Applies(HttpRequestMessage request) => applies?.Invoke(request) ?? true;

    /// <summary>Changes the answer in place; false leaves it as the Sandbox sent it.</summary>
    protected virtual bool Rewrite(JsonObject answer) => rewrite?.Invoke(answer) ?? false;

    public static bool IsSearch(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/data/search/", StringComparison.Ordinal);

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var answer = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccessStatusCode || !Applies(request)) return answer;
        if (JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) is not JsonObject json || !Rewrite(json))
            return answer;
        Interlocked.Increment(ref _rewritten);
        var rewritten = Json(answer.StatusCode, json.ToJsonString());
        foreach (var header in answer.Headers) rewritten.Headers.TryAddWithoutValidation(header.Key, header.Value);
        answer.Dispose();
        return rewritten;
    }
}
