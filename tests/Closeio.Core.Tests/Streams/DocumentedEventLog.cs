using System.Web;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// <c>GET event/</c> as Close documents it, served from the Sandbox's organization: the
/// <c>date_updated</c> filters bound only the request that carries them, and <c>cursor_next</c> is a
/// bare position ("events before this id"), so a page that follows a cursor runs on to the oldest event
/// of the log unless the client stops. Other requests go to the Sandbox.
/// </summary>
internal sealed class DocumentedEventLog(SandboxApi api, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<string> _seen = new();

    /// <summary>The query string of every event list request, in order.</summary>
    public IReadOnlyList<string> Seen => [.. _seen];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get || !request.RequestUri!.AbsolutePath.EndsWith("/event/", StringComparison.Ordinal))
            return base.SendAsync(request, cancellationToken);

        _seen.Enqueue(request.RequestUri.Query);
        var q = HttpUtility.ParseQueryString(request.RequestUri.Query);
        var limit = int.Parse(q["_limit"] ?? "50", CultureInfo.InvariantCulture);
        var events = api.Organization.Events().ToList(); // newest first
        var start = 0;
        if (q["_cursor"] is { } cursor)
        {
            var at = events.FindIndex(e => e.Id == cursor);
            if (at < 0) return Task.FromResult(Answer(HttpStatusCode.BadRequest, new JsonObject { ["error"] = "Invalid cursor." }));
            start = at + 1;
        }

        var rows = events.Skip(start).Where(e => Keep(e, q)).ToList();
        var page = rows.Take(limit).ToList();
        var data = new JsonArray();
        foreach (var e in page) data.Add(e.Render());
        return Task.FromResult(Answer(HttpStatusCode.OK, new JsonObject
        {
            ["data"] = data,
            ["cursor_next"] = rows.Count > limit ? page[^1].Id : null,
            ["cursor_previous"] = null,
        }));
    }

    private static bool Keep(SandboxItem e, System.Collections.Specialized.NameValueCollection q)
    {
        if (q["object_type"] is { } type && e.Type != type) return false;
        if (q["lead_id"] is { } lead && e.LeadId != lead) return false;
        if (q["action"] is { } action && (string?)e.Render()["action"] != action) return false;
        var t = e.DateUpdated;
        return (q["date_updated__gte"] is not { } gte || t >= Parse(gte)) &&
               (q["date_updated__gt"] is not { } gt || t > Parse(gt)) &&
               (q["date_updated__lt"] is not { } lt || t < Parse(lt)) &&
               (q["date_updated__lte"] is not { } lte || t <= Parse(lte));
    }

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static HttpResponseMessage Answer(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
