namespace Closeio.Core.Tests.Support;

/// <summary>
/// Sits in front of the Sandbox and, before requests, makes random changes to the organization and
/// moves the clock a little: the interleavings a real organization produces while a sync runs.
/// </summary>
public sealed class ChangingHandler : DelegatingHandler
{
    private readonly SandboxApi _api;
    private readonly SandboxClock _clock;
    private readonly Random _random;
    private readonly object _gate = new();

    /// <summary>
    /// A small organization whose searches reach their cap and whose cursors expire in 5 seconds,
    /// for syncs under random changes; even seeds mix timestamp styles.
    /// </summary>
    public static (SandboxOptions Organization, SandboxApiOptions Api) Setting(int seed, int leads, int searchResultCap) => (
        new SandboxOptions { Seed = seed, Users = 4, Leads = leads, Activities = 120, Tasks = 30, HistoryDays = 20 },
        new SandboxApiOptions
        {
            SearchResultCap = searchResultCap,
            CursorExpiry = TimeSpan.FromSeconds(5),
            TimestampStyle = seed % 2 == 0 ? TimestampStyle.Mixed : TimestampStyle.Offset,
        });

    public ChangingHandler(SandboxApi api, SandboxClock clock, int seed, HttpMessageHandler inner) : base(inner)
    {
        _api = api;
        _clock = clock;
        _random = new Random(seed);
    }

    /// <summary>Chance of a change before each request (0 turns changes off).</summary>
    public double ChangeProbability { get; set; }

    /// <summary>Changes made so far.</summary>
    public List<SandboxChange> Changes { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (ChangeProbability > 0)
            {
                _clock.Advance(TimeSpan.FromMilliseconds(_random.Next(0, 2_000)));
                var count = _random.NextDouble() < ChangeProbability ? 1 + _random.Next(3) : 0;
                for (var i = 0; i < count; i++) Changes.Add(_api.Organization.RandomChange(_random));
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
