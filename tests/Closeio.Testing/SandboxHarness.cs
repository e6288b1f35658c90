using System.Diagnostics;
using System.Net;
using Closeio.Core;
using Closeio.Core.Http;
using Closeio.Core.State;
using Closeio.Sandbox;

namespace Closeio.Testing;

/// <summary>
/// A Close to test or measure against: a controlled clock (rate-limit waits and back-off cost no real
/// time), a generated organization, the emulated API served in-process (<see cref="Create"/>) or on
/// 127.0.0.1 (<see cref="StartLoopback"/>), a CloseConnection to it, and a profile in a fresh
/// temporary directory. Dispose closes the connection, stops the listener and removes the directory.
/// </summary>
public sealed class SandboxHarness(SandboxClock clock, SandboxApi api, TimeSpan generation, SandboxListener? listener,
    HttpMessageHandler? handler, CloseConnection connection) : IDisposable
{
    // The client's own default, for harnesses that do not name a timeout.
    private static readonly TimeSpan DefaultRequestTimeout = new CloseConnectionOptions { ApiKey = "-" }.RequestTimeout;

    public SandboxClock Clock => clock;
    public SandboxApi Api => api;
    public SandboxOrganization Organization => api.Organization;
    public CloseConnection Connection => connection;
    public string Directory { get; } = System.IO.Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "closeio-harness-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A profile in <see cref="Directory"/>.</summary>
    public ProfileStore Store => field ??= ProfileStore.ForPath(Path.Combine(Directory, "profile.json"));

    /// <summary>Real time SandboxOrganization.Generate took.</summary>
    public TimeSpan Generation => generation;

    /// <summary>Sizes as <see cref="SandboxApi.Create"/> picks them: 5 users, tasks twice the leads.</summary>
    public static SandboxOptions Sizes(int seed, int leads, int activities, int historyDays = 365) =>
        new() { Seed = seed, Leads = leads, Activities = activities, Users = 5, Tasks = leads * 2, HistoryDays = historyDays };

    /// <summary>An in-process Close (no socket).</summary>
    /// <param name="options">Organization size and seed.</param>
    /// <param name="apiOptions">Limits, rate limits, timestamp style.</param>
    /// <param name="wrap">Wraps the Sandbox's handler, e.g. to change the organization between pages.</param>
    /// <param name="log">The connection's request log.</param>
    public static SandboxHarness Create(SandboxOptions? options = null, SandboxApiOptions? apiOptions = null,
        Func<SandboxApi, HttpMessageHandler, HttpMessageHandler>? wrap = null, int maxRetries = 6,
        Action<RequestLogEntry>? log = null)
    {
        var (clock, api, generation) = Generate(options ?? new SandboxOptions { Leads = 30, Activities = 200, Tasks = 60 }, apiOptions);
        var handler = api.CreateHandler();
        if (wrap is not null) handler = wrap(api, handler);
        return Connect(clock, api, generation, null, handler, maxRetries, DefaultRequestTimeout, log);
    }

    /// <summary>
    /// A Close served on 127.0.0.1: a real socket, so gzip, dropped connections and real timeouts
    /// behave as on the wire.
    /// </summary>
    /// <param name="wrap">
    /// Null: the client's own transport (its decompression, its redirect policy). Otherwise wraps a
    /// socket handler configured like the client's, e.g. to change the organization between requests.
    /// </param>
    public static SandboxHarness StartLoopback(SandboxOptions options, SandboxApiOptions? apiOptions = null,
        Func<SandboxApi, HttpMessageHandler, HttpMessageHandler>? wrap = null, int maxRetries = 3,
        TimeSpan? requestTimeout = null)
    {
        var (clock, api, generation) = Generate(options, apiOptions);
        // Nothing listens there: a redirect the client followed would be refused at once, on this machine.
        api.Faults.RedirectLocation = new Uri("http://127.0.0.1:9/api/v1/");
        var listener = api.StartListenerAsync().GetAwaiter().GetResult();
        var handler = wrap?.Invoke(api, new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseProxy = false,
        });
        return Connect(clock, api, generation, listener, handler, maxRetries, requestTimeout ?? TimeSpan.FromSeconds(20), null);
    }

    private static (SandboxClock, SandboxApi, TimeSpan) Generate(SandboxOptions options, SandboxApiOptions? apiOptions)
    {
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        var watch = Stopwatch.StartNew();
        var org = SandboxOrganization.Generate(options, clock);
        return (clock, new SandboxApi(org, apiOptions ?? new SandboxApiOptions()), watch.Elapsed);
    }

    private static SandboxHarness Connect(SandboxClock clock, SandboxApi api, TimeSpan generation, SandboxListener? listener,
        HttpMessageHandler? handler, int maxRetries, TimeSpan requestTimeout, Action<RequestLogEntry>? log)
    {
        var connection = CloseConnection.ConnectAsync(new CloseConnectionOptions
        {
            BaseUri = listener?.BaseUri ?? SandboxApi.InProcessBaseUri,
            ApiKey = api.Options.ApiKey,
            Handler = handler,
            // No system proxy between the client and 127.0.0.1 (ignored when a handler is given).
            Proxy = new WebProxy(),
            TimeProvider = clock,
            MaxRetries = maxRetries,
            RequestTimeout = requestTimeout,
            Log = log,
        }, CancellationToken.None).GetAwaiter().GetResult();
        return new SandboxHarness(clock, api, generation, listener, handler, connection);
    }

    public void Dispose()
    {
        connection.Dispose();
        handler?.Dispose();
        listener?.DisposeAsync().AsTask().GetAwaiter().GetResult();
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
