using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// The one path every request takes, whichever transport brought it: method override, routing,
/// auth, rate limit, faults, the endpoint, timestamp styling, headers, counters.
/// </summary>
internal sealed class RequestPipeline
{
    private const string ApiPrefix = "/api/v1";

    private readonly SandboxOrganization _organization;
    private readonly SandboxApiOptions _options;
    private readonly RouteTable _routes;
    private readonly object _limiterGate = new();
    private SandboxRateLimiter? _limiter;
    private readonly SandboxFaults _faults;
    private readonly SandboxCounters _counters;
    private readonly RateLimitHints _hints;

    public RequestPipeline(SandboxOrganization organization, SandboxApiOptions options, RouteTable routes,
        SandboxFaults faults, SandboxCounters counters)
    {
        _organization = organization;
        _options = options;
        _routes = routes;
        _faults = faults;
        _counters = counters;
        _hints = new RateLimitHints(options);
    }

    public async Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken ct)
    {
        var (response, group) = await AnswerAsync(request, ct).ConfigureAwait(false);
        _counters.Record(group, response.DropConnection ? 0 : response.Status);
        return response;
    }

    /// <summary>The 403 or 404 of an endpoint the plan or role does not reach, or null.</summary>
    private ApiResponse? Restricted(string template)
    {
        foreach (var (path, restriction) in _options.Restrictions)
        {
            if (!template.StartsWith(path, StringComparison.Ordinal)) continue;
            return restriction == SandboxRestriction.NoPermission
                ? Error(403, "You don't have permission to access this resource.")
                : Error(404, "Not found. This feature is not available on your organization's plan.");
        }
        return null;
    }

    private async Task<(ApiResponse Response, string Group)> AnswerAsync(ApiRequest request, CancellationToken ct)
    {
        var method = request.Method;
        var query = request.Query;
        var fallbackGroup = $"{method} {request.Path}";
        if (!request.Path.StartsWith(ApiPrefix + "/", StringComparison.Ordinal))
            return (Stamp(Error(404, "Not found.")), fallbackGroup);
        var path = request.Path[ApiPrefix.Length..];
        if (!path.EndsWith('/')) return (Stamp(Error(404, "Not found. Every path ends with '/'.")), fallbackGroup);

        // The override header alone decides the method, so routing and auth come before the body is read.
        var overridden = method == "POST" && IsOverriddenToGet(request);
        if (overridden) method = "GET";
        var match = _routes.Match(method, path);
        var group = match.Route?.Group ?? match.GroupForPath ?? $"{method} {path}";

        if (!BasicAuth.TryGetKey(Header(request, "Authorization"), _options, out var apiKey))
        {
            var unauthorized = Error(401, "Invalid API key. Use HTTP Basic auth with the API key as the user name and an empty password.");
            unauthorized.Headers.Add(new("WWW-Authenticate", "Basic realm=\"api\""));
            return (Stamp(unauthorized), group);
        }
        if (match.Route is null)
            return (Stamp(match.PathExists ? Error(405, "Method not allowed.") : Error(404, "Not found.")), group);
        if (Restricted(match.Route.Template) is { } restricted) return (Stamp(restricted), group);

        JsonNode? body;
        try
        {
            body = ParseBody(request.Body);
            if (overridden)
            {
                query = MergeParams(query, body);
                body = null;
            }
        }
        catch (ApiException e)
        {
            return (Stamp(ApiResponse.Json(e.Status, e.Body)), group);
        }

        RateLimitDecision? decision = null;
        if (Limiter() is { } limiter)
        {
            var d = limiter.Take(group, apiKey);
            if (!d.Allowed) return (Stamp(_hints.TooManyRequests(d)), group);
            decision = d;
        }

        var fault = _faults.Next(group);
        switch (fault)
        {
            case SandboxFault.DroppedConnection:
                return (new ApiResponse { DropConnection = true }, group);
            case SandboxFault.InternalServerError:
                return (Stamp(Error(500, "Internal server error.")), group);
            case SandboxFault.ServiceUnavailable:
                return (Stamp(Error(503, "Service temporarily unavailable.")), group);
            case SandboxFault.BadGateway:
                return (Stamp(Html(502, "Bad Gateway")), group);
            case SandboxFault.GatewayTimeout:
                return (Stamp(Html(504, "Gateway Timeout")), group);
            case SandboxFault.Redirect:
                var moved = new ApiResponse { Status = 302, ContentType = "text/html" };
                moved.Headers.Add(new("Location", new Uri(_faults.RedirectLocation, path.TrimStart('/')).AbsoluteUri));
                return (Stamp(moved), group);
            case SandboxFault.PaymentRequired:
                return (Stamp(Error(402, "Your plan does not include API access to this resource. Please upgrade your plan.")), group);
            case SandboxFault.TooManyRequests:
                return (Stamp(_hints.TooManyRequests(new RateLimitDecision(false, 20, 0, _faults.TooManyRequestsReset))), group);
            case SandboxFault.HtmlBody:
                return (Stamp(Html(200, "Down for maintenance")), group);
            case SandboxFault.GzipCorruptBody:
                var corrupt = new ApiResponse { Body = Encoding.UTF8.GetBytes("{\"data\": [this is not gzip") };
                corrupt.Headers.Add(new("Content-Encoding", "gzip"));
                return (Stamp(corrupt), group);
            case SandboxFault.SlowAnswer:
                await Task.Delay(_faults.SlowAnswerDelay, ct).ConfigureAwait(false);
                break;
        }

        var offsetHeader = Header(request, "x-tz-offset");
        var filterOffset = ApiDates.ParseOffsetHeader(offsetHeader);
        if (offsetHeader is not null && filterOffset is null)
            return (Stamp(Error(400, "x-tz-offset must be hours (e.g. -5) or ±hh:mm.")), group);
        var response = Invoke(match.Route, match.Values, new ApiQuery(query, filterOffset ?? TimeSpan.Zero), body, fault);
        if (fault == SandboxFault.TruncatedBody) response.Body = response.Body[..(response.Body.Length / 2)];
        if (fault == SandboxFault.EmptyBody) response.Body = [];
        if (fault == SandboxFault.EmptyPageWithMore && response.Status == 200 && JsonNode.Parse(response.Body) is JsonObject page &&
            page["data"] is JsonArray && page.ContainsKey("has_more"))
        {
            page["data"] = new JsonArray();
            page["has_more"] = true;
            response.Body = Encoding.UTF8.GetBytes(page.ToJsonString());
        }
        if (decision is { } ok) _hints.AddTo(response, ok);
        return (Stamp(response), group);
    }

    /// <summary>The limiter for the current <see cref="SandboxApiOptions.RateLimit"/>; a new setting starts fresh counts.</summary>
    private SandboxRateLimiter? Limiter()
    {
        var options = _options.RateLimit;
        if (options is null) return null;
        lock (_limiterGate)
        {
            if (_limiter?.Options != options) _limiter = new SandboxRateLimiter(options, _organization.Clock);
            return _limiter;
        }
    }

    private ApiResponse Invoke(Route route, Dictionary<string, string> values, ApiQuery query, JsonNode? body, SandboxFault? fault = null)
    {
        var context = new ApiContext
        {
            Organization = _organization,
            Options = _options,
            Query = query,
            Body = body,
            RouteValues = values,
            Fault = fault,
        };
        try
        {
            var result = route.Handler(context);
            TimestampStyler.Apply(result, _options.TimestampStyle);
            return ApiResponse.Json(200, result);
        }
        catch (ApiException e)
        {
            return ApiResponse.Json(e.Status, e.Body);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An emulator bug should look like a server error to the client, with enough to debug it.
            return Error(500, $"Sandbox error: {e.GetType().Name}: {e.Message}");
        }
    }

    private static JsonNode? ParseBody(byte[] body)
    {
        if (body.Length == 0) return null;
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest("The request body is not valid JSON.");
        }
    }

    private static bool IsOverriddenToGet(ApiRequest request) =>
        Header(request, "x-http-method-override") is { } m && m.Trim().Equals("GET", StringComparison.OrdinalIgnoreCase);

    /// <summary>GET parameters sent as <c>{"_params": {...}}</c>; they join (and win over) any in the URL.</summary>
    private static IReadOnlyDictionary<string, string> MergeParams(IReadOnlyDictionary<string, string> query, JsonNode? body)
    {
        var merged = new Dictionary<string, string>(query, StringComparer.Ordinal);
        if (body is null) return merged;
        if (body is not JsonObject obj || (obj["_params"] is not null && obj["_params"] is not JsonObject))
            throw ApiException.BadRequest("With x-http-method-override: GET, the body must be {\"_params\": {...}}.");
        if (obj["_params"] is not JsonObject parameters) return merged;
        foreach (var (name, value) in parameters)
        {
            var text = value switch
            {
                null => null,
                JsonArray a => string.Join(',', a.Select(x => x is JsonValue v ? JsonValues.AsText(v) : x?.ToJsonString())),
                JsonValue v => JsonValues.AsText(v),
                _ => value.ToJsonString(),
            };
            if (text is not null) merged[name] = text;
        }
        return merged;
    }

    internal static string? Header(ApiRequest request, string name) =>
        request.Headers.TryGetValue(name, out var v) ? v : null;

    private static ApiResponse Error(int status, string message) =>
        ApiResponse.Json(status, new JsonObject { ["error"] = message });

    // Proxies in front of Close answer 502/504 with HTML, not JSON; clients must not choke on it.
    private static ApiResponse Html(int status, string title) => new()
    {
        Status = status,
        ContentType = "text/html",
        Body = Encoding.UTF8.GetBytes($"<html><head><title>{status} {title}</title></head><body><h1>{status} {title}</h1></body></html>"),
    };

    private ApiResponse Stamp(ApiResponse response)
    {
        response.Headers.Add(new("Date", _organization.Clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture)));
        return response;
    }
}
