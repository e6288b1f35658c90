using System.Net.Http.Headers;

namespace Closeio.Sandbox;

/// <summary>The in-process way in: an HttpMessageHandler that answers from the pipeline without a socket.</summary>
internal sealed class SandboxHttpHandler(RequestPipeline pipeline) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers) headers[h.Key] = string.Join(", ", h.Value);
        if (request.Content is not null) foreach (var h in request.Content.Headers) headers[h.Key] = string.Join(", ", h.Value);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var apiRequest = ApiRequest.From(request.Method.Method, uri.PathAndQuery, headers, body);

        var answer = await pipeline.HandleAsync(apiRequest, cancellationToken).ConfigureAwait(false);
        if (answer.DropConnection)
            throw new HttpRequestException("The sandbox dropped the connection.",
                new IOException("The connection was closed by the remote host (sandbox fault)."));

        var response = new HttpResponseMessage((System.Net.HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(answer.Body),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(answer.ContentType) { CharSet = "utf-8" };
        foreach (var (name, value) in answer.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
        }
        return response;
    }
}
