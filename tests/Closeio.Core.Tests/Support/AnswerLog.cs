namespace Closeio.Core.Tests.Support;

/// <summary>Records every answer the Sandbox gave: when (on its clock), to which path, with which status (0 = dropped).</summary>
public sealed class AnswerLog : DelegatingHandler
{
    private readonly TimeProvider _clock;
    private readonly object _gate = new();

    public AnswerLog(TimeProvider clock, HttpMessageHandler inner) : base(inner) => _clock = clock;

    public List<(DateTimeOffset At, string Path, int Status)> Answers { get; } = [];

    /// <summary>The query strings sent, in order (unescaped).</summary>
    public List<string> Queries { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        lock (_gate) Queries.Add(Uri.UnescapeDataString(request.RequestUri.Query));
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            lock (_gate) Answers.Add((_clock.GetUtcNow(), path, (int)response.StatusCode));
            return response;
        }
        catch (HttpRequestException)
        {
            lock (_gate) Answers.Add((_clock.GetUtcNow(), path, 0));
            throw;
        }
    }
}
