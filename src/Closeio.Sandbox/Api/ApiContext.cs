using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>What an endpoint gets to answer one request.</summary>
internal sealed class ApiContext
{
    public required SandboxOrganization Organization { get; init; }
    public required SandboxApiOptions Options { get; init; }
    public required ApiQuery Query { get; init; }
    /// <summary>The parsed JSON body of a POST (null for GET or an empty body).</summary>
    public JsonNode? Body { get; init; }
    /// <summary>Values of the route template's placeholders, such as <c>id</c>.</summary>
    public required IReadOnlyDictionary<string, string> RouteValues { get; init; }
    public DateTimeOffset Now => Organization.Clock.GetUtcNow();
}

/// <summary>An endpoint: produces the JSON answer or throws <see cref="ApiException"/>.</summary>
internal delegate JsonNode EndpointHandler(ApiContext context);

/// <summary>A path template such as <c>/lead/{id}/</c>, the method it answers and its handler.</summary>
internal sealed record Route(string Method, string Template, EndpointHandler Handler)
{
    /// <summary>The rate-limit and counter group: method plus template, e.g. <c>GET /lead/{id}/</c>.</summary>
    public string Group => $"{Method} {Template}";

    private readonly string[] _segments = Template.Trim('/').Split('/');

    public bool TryMatch(string[] pathSegments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pathSegments.Length != _segments.Length) return false;
        for (var i = 0; i < _segments.Length; i++)
        {
            var t = _segments[i];
            if (t.StartsWith('{')) values[t.Trim('{', '}')] = pathSegments[i];
            else if (!string.Equals(t, pathSegments[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }
}

/// <summary>
/// All routes, in match order (literal templates before placeholder ones, so <c>/activity/call/</c>
/// is never read as <c>/activity/{id}/</c>).
/// </summary>
internal sealed class RouteTable
{
    private readonly List<Route> _routes = [];

    public void Get(string template, EndpointHandler handler) => _routes.Add(new Route("GET", template, handler));
    public void Post(string template, EndpointHandler handler) => _routes.Add(new Route("POST", template, handler));

    /// <summary>The outcome of matching a path: the route, or whether the path exists under another method.</summary>
    public (Route? Route, Dictionary<string, string> Values, bool PathExists, string? GroupForPath) Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        Route? other = null;
        foreach (var route in Order())
        {
            if (!route.TryMatch(segments, out var values)) continue;
            if (route.Method == method) return (route, values, true, route.Group);
            other ??= route;
        }
        return (null, new(), other is not null, other is null ? null : $"{method} {other.Template}");
    }

    private List<Route>? _ordered;

    // Routes are all registered before the first request, so the order is computed once.
    private List<Route> Order() =>
        _ordered ??= _routes.OrderBy(r => r.Template.Count(c => c == '{')).ToList();
}
