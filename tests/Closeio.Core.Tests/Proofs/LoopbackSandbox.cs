using Closeio.Core.Http;
using Closeio.Core.State;
using Closeio.Sandbox;

namespace Closeio.Core.Tests.Proofs;

/// <summary>
/// A Sandbox organization served on 127.0.0.1 (a real socket: gzip, dropped connections and real
/// timeouts behave as on the wire), a connection to it with the organization's clock injected, and
/// a profile in a fresh temporary directory. Dispose stops the listener and removes the directory.
/// </summary>
internal sealed class LoopbackSandbox : IDisposable
{
    private readonly SandboxListener _listener;
    private readonly HttpMessageHandler? _handler;

    private LoopbackSandbox(SandboxClock clock, SandboxApi api, SandboxListener listener, HttpMessageHandler? handler,
        CloseConnection connection, string directory)
    {
        Clock = clock;
        Api = api;
        _listener = listener;
        _handler = handler;
        Connection = connection;
        Directory = directory;
        Store = ProfileStore.ForPath(Path.Combine(directory, "profile.json"));
    }

    public SandboxClock Clock { get; }
    public SandboxApi Api { get; }
    public SandboxOrganization Organization => Api.Organization;
    public CloseConnection Connection { get; }
    public ProfileStore Store { get; }
    public string Directory { get; }

    /// <param name="wrap">
    /// Null: the client's own transport (its decompression, its redirect policy). Otherwise wraps a
    /// socket handler configured like the client's, e.g. to change the organization between requests.
    /// </param>
    public static LoopbackSandbox Start(SandboxOptions options, SandboxApiOptions? apiOptions = null,
        Func<SandboxApi, HttpMessageHandler, HttpMessageHandler>? wrap = null, int maxRetries = 3,
        TimeSpan? requestTimeout = null)
    {
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        var api = new SandboxApi(SandboxOrganization.Generate(options, clock), apiOptions ?? new SandboxApiOptions());
        // Nothing listens there: a redirect the client followed would be refused at once, on this machine.
        api.Faults.RedirectLocation = new Uri("http://127.0.0.1:9/api/v1/");
        var listener = api.StartListenerAsync().GetAwaiter().GetResult();
        HttpMessageHandler? handler = wrap?.Invoke(api, new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            UseProxy = false,
        });
        var connection = CloseConnection.ConnectAsync(new CloseConnectionOptions
        {
            BaseUri = listener.BaseUri,
            ApiKey = api.Options.ApiKey,
            Handler = handler,
            Proxy = new System.Net.WebProxy(), // no system proxy between the client and 127.0.0.1
            TimeProvider = clock,
            MaxRetries = maxRetries,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(20),
        }, CancellationToken.None).GetAwaiter().GetResult();
        var directory = Path.Combine(Path.GetTempPath(), "closeio-proof-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new LoopbackSandbox(clock, api, listener, handler, connection, directory);
    }

    public void Dispose()
    {
        Connection.Dispose();
        _handler?.Dispose();
        _listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
