namespace Closeio.Sandbox;

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
    private IReadOnlyList<Route> _ordered = [];

    public void Get(string template, EndpointHandler handler) => Add(new Route("GET", template, handler));
    public void Post(string template, EndpointHandler handler) => Add(new Route("POST", template, handler));

    // Routes are registered before the first request; ordering on each registration keeps Match lock-free.
    private void Add(Route route)
    {
        _routes.Add(route);
        _ordered = _routes.OrderBy(r => r.Template.Count(c => c == '{')).ToList();
    }

    /// <summary>The outcome of matching a path: the route, or whether the path exists under another method.</summary>
    public (Route? Route, Dictionary<string, string> Values, bool PathExists, string? GroupForPath) Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        Route? other = null;
        foreach (var route in _ordered)
        {
            if (!route.TryMatch(segments, out var values)) continue;
            if (route.Method == method) return (route, values, true, route.Group);
            other ??= route;
        }
        return (null, new(), other is not null, other is null ? null : $"{method} {other.Template}");
    }
}
