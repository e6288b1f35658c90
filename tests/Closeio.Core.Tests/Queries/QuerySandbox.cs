namespace Closeio.Core.Tests.Queries;

/// <summary>An in-process Sandbox with a connection, for the query tests.</summary>
internal sealed class QuerySandbox : IDisposable
{
    public const string Key = "sandbox_p1_query_key_0042";

    private QuerySandbox(SandboxApi api, CloseConnection connection, List<RequestLogEntry> log, SandboxClock clock)
    {
        Clock = clock;
        Api = api;
        Connection = connection;
        Log = log;
    }

    public SandboxApi Api { get; }
    public SandboxClock Clock { get; }
    public SandboxOrganization Organization => Api.Organization;
    public CloseConnection Connection { get; }
    public List<RequestLogEntry> Log { get; }

    public static QuerySandbox Create(int leads = 20, int activities = 150, SandboxApiOptions? options = null)
    {
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        options ??= new SandboxApiOptions();
        options.ApiKey = Key;
        var api = SandboxApi.Create(seed: 11, leads: leads, activities: activities, clock: clock, options: options);
        var log = new List<RequestLogEntry>();
        var connection = CloseConnection.ConnectAsync(new CloseConnectionOptions
        {
            ApiKey = Key,
            BaseUri = SandboxApi.InProcessBaseUri,
            Handler = api.CreateHandler(),
            TimeProvider = clock,
            Log = e => { lock (log) log.Add(e); },
        }, CancellationToken.None).GetAwaiter().GetResult();
        lock (log) log.Clear();
        return new QuerySandbox(api, connection, log, clock);
    }

    public List<Record> Run(RecordQuery query, QueryPaging? paging = null) =>
        query.Run(new QueryContext(Connection, paging), CancellationToken.None).ToList();

    public List<RequestLogEntry> Requests(string pathPrefix)
    {
        lock (Log) return Log.Where(e => e.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();
    }

    public void Dispose() => Connection.Dispose();
}
