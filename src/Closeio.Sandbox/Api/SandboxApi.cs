namespace Closeio.Sandbox;

/// <summary>
/// An emulator of the Close REST API over a <see cref="SandboxOrganization"/>: the endpoints the
/// module uses with Close's envelopes, filters, page limits, cursors, auth, rate limits and
/// injectable faults. Reach it in-process through <see cref="CreateHandler"/> (base URI
/// <see cref="InProcessBaseUri"/>) or over a socket through <see cref="StartListenerAsync"/>;
/// both share one request pipeline.
/// </summary>
public sealed class SandboxApi
{
    private readonly RequestPipeline _pipeline;

    /// <summary>Serves an existing organization.</summary>
    public SandboxApi(SandboxOrganization organization, SandboxApiOptions? options = null)
    {
        Organization = organization ?? throw new ArgumentNullException(nameof(organization));
        Options = options ?? new SandboxApiOptions();
        Faults = new SandboxFaults(organization.Options.Seed);
        Counters = new SandboxCounters();
        _pipeline = new RequestPipeline(organization, Options, BuildRoutes(), Faults, Counters);
    }

    /// <summary>
    /// Generates an organization and serves it: 5 users, tasks about twice the leads. Without a
    /// clock, a <see cref="SandboxClock"/> (auto-advancing) starting at 2025-06-01T12:00Z, so runs repeat.
    /// </summary>
    public static SandboxApi Create(int seed = 1, int leads = 50, int activities = 500, TimeProvider? clock = null,
        SandboxApiOptions? options = null)
    {
        var sizes = new SandboxOptions { Seed = seed, Leads = leads, Activities = activities, Users = 5, Tasks = leads * 2 };
        clock ??= new SandboxClock(DefaultStart);
        return new SandboxApi(SandboxOrganization.Generate(sizes, clock), options);
    }

    /// <summary>The instant a default <see cref="Create"/> clock starts at.</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The base URI to use with <see cref="CreateHandler"/>: <c>https://sandbox.close.local/api/v1/</c>.</summary>
    public static Uri InProcessBaseUri { get; } = new("https://sandbox.close.local/api/v1/");

    /// <summary>The organization behind the API (change it while a client runs to test incremental reads).</summary>
    public SandboxOrganization Organization { get; }

    /// <summary>The API's settings. Changes take effect on the next request (a new <see cref="SandboxApiOptions.RateLimit"/> starts with fresh counts).</summary>
    public SandboxApiOptions Options { get; }

    /// <summary>Faults to inject, per endpoint group.</summary>
    public SandboxFaults Faults { get; }

    /// <summary>Answers given, by endpoint group and status.</summary>
    public SandboxCounters Counters { get; }

    /// <summary>A handler that answers in-process; give it to an HttpClient with <see cref="InProcessBaseUri"/>.</summary>
    public HttpMessageHandler CreateHandler() => new SandboxHttpHandler(_pipeline);

    /// <summary>Starts a loopback HTTP server on 127.0.0.1 and an ephemeral port.</summary>
    public Task<SandboxListener> StartListenerAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(new SandboxListener(_pipeline));
    }

    private static RouteTable BuildRoutes()
    {
        var routes = new RouteTable();
        UserEndpoints.Register(routes);
        LeadEndpoints.Register(routes);
        SearchEndpoint.Register(routes);
        ContactEndpoints.Register(routes);
        OpportunityEndpoints.Register(routes);
        TaskEndpoints.Register(routes);
        ActivityEndpoints.Register(routes);
        CustomFieldEndpoints.Register(routes);
        EventEndpoints.Register(routes);
        DirectoryEndpoints.Register(routes);
        return routes;
    }
}
