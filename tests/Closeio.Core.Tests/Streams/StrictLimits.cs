using System.Web;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// A server whose resources take smaller pages than the sizes "known to work": a <c>_limit</c> above
/// <see cref="Max"/> on the listed GET paths (and on <c>data/search/</c>, where it is in the body)
/// answers 400 with <see cref="ErrorBody"/>. Everything else goes to the Sandbox.
/// </summary>
internal sealed class StrictLimits(HttpMessageHandler inner, int max, string errorBody, params string[] pathParts) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<(string Path, int? Limit, int Status)> _seen = new();

    public int Max => max;

    public string ErrorBody => errorBody;

    /// <summary>Every page request: path, the <c>_limit</c> it asked, and the status it got.</summary>
    public IReadOnlyList<(string Path, int? Limit, int Status)> Seen => [.. _seen];

    public IEnumerable<(string Path, int? Limit, int Status)> Refused => Seen.Where(s => s.Status == 400);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        int? limit = null;
        if (path.EndsWith("/data/search/", StringComparison.Ordinal) && request.Content is not null)
        {
            var body = JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            limit = (int?)body?["_limit"];
        }
        else if (pathParts.Any(p => path.Contains(p, StringComparison.Ordinal)))
        {
            var text = HttpUtility.ParseQueryString(request.RequestUri.Query)["_limit"];
            limit = text is null ? null : int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (limit > max)
        {
            _seen.Enqueue((path, limit, 400));
            return new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent(errorBody, Encoding.UTF8, "application/json"),
            };
        }

        var answer = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        _seen.Enqueue((path, limit, (int)answer.StatusCode));
        return answer;
    }
}
