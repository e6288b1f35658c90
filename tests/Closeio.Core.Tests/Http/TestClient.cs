namespace Closeio.Core.Tests.Http;

/// <summary>A client wired to a scripted fake server and a test clock, collecting its log.</summary>
internal sealed class TestClient : IDisposable
{
    public const string ApiKey = "api_KEYc1SECRETzz9Qw7x";
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public TestClient(int maxRetries = 6, TimeSpan? timeout = null, TimeSpan? totalTimeout = null)
    {
        Clock = new SandboxClock(Start);
        Server = new ScriptedHandler(Clock);
        Options = new CloseConnectionOptions
        {
            ApiKey = ApiKey,
            BaseUri = new Uri("https://close.test/api/v1/"),
            Handler = Server,
            TimeProvider = Clock,
            MaxRetries = maxRetries,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(30),
            TotalTimeout = totalTimeout,
            Log = Log.Enqueue,
        };
        Client = new CloseClient(Options);
    }

    public SandboxClock Clock { get; }
    public ScriptedHandler Server { get; }
    public CloseConnectionOptions Options { get; }
    public CloseClient Client { get; }
    public ConcurrentQueue<RequestLogEntry> Log { get; } = new();
    public RequestCounters Counters { get; } = new();

    public Task<System.Text.Json.JsonDocument> GetAsync(string path, params (string Key, string Value)[] query) =>
        Client.SendAsync(new CloseRequest(HttpMethod.Get, path)
        {
            Query = query.Select(q => KeyValuePair.Create(q.Key, q.Value)).ToList(),
            Counters = Counters,
        }, CancellationToken.None);

    /// <summary>Test-clock time between the first and the second request the server saw.</summary>
    public TimeSpan WaitBeforeRetry => Server.Seen[1].ClockAt - Server.Seen[0].ClockAt;

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
