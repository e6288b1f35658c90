namespace Closeio.Core.Tests.Queries;

/// <summary>An in-process Sandbox with a connection and its request log, for the query tests.</summary>
internal sealed class QuerySandbox(SandboxHarness harness, List<RequestLogEntry> log) : IDisposable
{
    public const string Key = "sandbox_p1_query_key_0042";

    public SandboxApi Api => harness.Api;
    public SandboxClock Clock => harness.Clock;
    public SandboxOrganization Organization => harness.Organization;
    public CloseConnection Connection => harness.Connection;
    public List<RequestLogEntry> Log => log;

    public static QuerySandbox Create(int leads = 20, int activities = 150, SandboxApiOptions? options = null)
    {
        options ??= new SandboxApiOptions();
        options.ApiKey = Key;
        var log = new List<RequestLogEntry>();
        var harness = SandboxHarness.Create(SandboxHarness.Sizes(11, leads, activities), options, log: e => { lock (log) log.Add(e); });
        lock (log) log.Clear();
        return new QuerySandbox(harness, log);
    }

    public List<Record> Run(RecordQuery query, QueryPaging? paging = null) =>
        query.Run(new QueryContext(Connection, paging), CancellationToken.None).ToList();

    public List<RequestLogEntry> Requests(string pathPrefix)
    {
        lock (Log) return Log.Where(e => e.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();
    }

    public void Dispose() => harness.Dispose();
}
