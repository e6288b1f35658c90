using System.Net;
using Closeio.Sandbox;

namespace Closeio.PowerShell.Internal;

/// <summary>Builds checked connections: to Close (or any base URI) with a key, or to an in-process Sandbox.</summary>
internal static class ConnectionFactory
{
    /// <summary>
    /// Connects with a key and connection settings (base URI, timeout, retries: the profile's saved ones
    /// under the command line's), checking it with <c>GET me/</c> and logging to <paramref name="relay"/>
    /// (listen to it to show the attempts as they happen).
    /// </summary>
    public static async Task<Connection> ConnectAsync(ResolvedApiKey key, ConnectionSettings settings, IWebProxy? proxy,
        ProfileStore profile, RequestLogRelay relay, CancellationToken cancellationToken)
    {
        var defaults = new CloseConnectionOptions { ApiKey = key.Key };
        var options = new CloseConnectionOptions
        {
            ApiKey = key.Key,
            BaseUri = settings.EffectiveBaseUri,
            Proxy = proxy,
            RequestTimeout = settings.RequestTimeout ?? defaults.RequestTimeout,
            MaxRetries = settings.MaxRetries ?? defaults.MaxRetries,
            Log = relay.Log,
        };
        var core = await CloseConnection.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        return new Connection(core, relay, key.Source, profile.Path, isSandbox: false);
    }

    /// <summary>
    /// Generates a Sandbox organization and connects to it in-process. Its clock is the real one, so
    /// its data is dated up to now and date filters such as "the last 7 days" find records.
    /// </summary>
    public static Connection ConnectSandbox(int seed, int leads, int activities, ProfileStore profile,
        CancellationToken cancellationToken)
    {
        var api = SandboxApi.Create(seed, leads, activities, TimeProvider.System);
        var handler = api.CreateHandler();
        var relay = new RequestLogRelay();
        var options = new CloseConnectionOptions
        {
            ApiKey = api.Options.ApiKey,
            BaseUri = SandboxApi.InProcessBaseUri,
            Handler = handler,
            Log = relay.Log,
        };
        try
        {
            var core = CloseConnection.ConnectAsync(options, cancellationToken).GetAwaiter().GetResult();
            return new Connection(core, relay, ApiKeySource.Sandbox, profile.Path, isSandbox: true, owned: handler);
        }
        catch
        {
            handler.Dispose();
            throw;
        }
    }
}
