using Closeio.Core.Http;
using Closeio.Core.State;
using Closeio.Sandbox;

namespace Closeio.Core.Tests.Support;

/// <summary>
/// An in-process Close: a controlled clock, a generated organization, the emulated API and a
/// CloseConnection to it, plus a profile in a fresh temporary directory. Dispose removes the directory.
/// </summary>
public sealed class SandboxHarness : IDisposable
{
    private readonly HttpMessageHandler _handler;

    private SandboxHarness(SandboxClock clock, SandboxApi api, HttpMessageHandler handler, CloseConnection connection, string directory)
    {
        Clock = clock;
        Api = api;
        _handler = handler;
        Connection = connection;
        Directory = directory;
        Store = ProfileStore.ForPath(Path.Combine(directory, "profile.json"));
    }

    public SandboxClock Clock { get; }
    public SandboxApi Api { get; }
    public SandboxOrganization Organization => Api.Organization;
    public CloseConnection Connection { get; }
    public string Directory { get; }
    public ProfileStore Store { get; }

    /// <summary>Builds the harness.</summary>
    /// <param name="options">Organization size and seed.</param>
    /// <param name="apiOptions">Limits, rate limits, timestamp style.</param>
    /// <param name="wrap">Wraps the Sandbox's handler, e.g. to change the organization between pages.</param>
    public static SandboxHarness Create(SandboxOptions? options = null, SandboxApiOptions? apiOptions = null,
        Func<SandboxApi, HttpMessageHandler, HttpMessageHandler>? wrap = null, int maxRetries = 6)
    {
        var clock = new SandboxClock(SandboxApi.DefaultStart);
        var org = SandboxOrganization.Generate(options ?? new SandboxOptions { Leads = 30, Activities = 200, Tasks = 60 }, clock);
        var api = new SandboxApi(org, apiOptions ?? new SandboxApiOptions());
        var handler = api.CreateHandler();
        if (wrap is not null) handler = wrap(api, handler);
        var connection = CloseConnection.ConnectAsync(new CloseConnectionOptions
        {
            BaseUri = SandboxApi.InProcessBaseUri,
            ApiKey = api.Options.ApiKey,
            Handler = handler,
            TimeProvider = clock,
            MaxRetries = maxRetries,
        }, CancellationToken.None).GetAwaiter().GetResult();
        var directory = Path.Combine(Path.GetTempPath(), "closeio-sync-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new SandboxHarness(clock, api, handler, connection, directory);
    }

    public void Dispose()
    {
        Connection.Dispose();
        _handler.Dispose();
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
