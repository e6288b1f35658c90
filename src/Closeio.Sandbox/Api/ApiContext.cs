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
    /// <summary>The fault drawn for this request, for endpoints that shape their own (the event list's page faults).</summary>
    public SandboxFault? Fault { get; init; }
    public DateTimeOffset Now => Organization.Clock.GetUtcNow();
}

/// <summary>An endpoint: produces the JSON answer or throws <see cref="ApiException"/>.</summary>
internal delegate JsonNode EndpointHandler(ApiContext context);
