using System.Security;
using Closeio.Sandbox;

namespace Closeio;

/// <summary>
/// A Sandbox serving the Close API on 127.0.0.1, as Start-CloseioSandbox returns it. The Sandbox's
/// key is not a secret (every Sandbox accepts the same one), but it is handed out as a SecureString
/// like any key, ready for <c>Connect-Closeio -BaseUri $s.BaseUri -ApiKey $s.ApiKey</c>.
/// </summary>
public sealed class SandboxInfo
{
    internal SandboxInfo(SandboxListener listener, SandboxApi api, int seed, int leads, int activities)
    {
        Listener = listener;
        Api = api;
        Seed = seed;
        Leads = leads;
        Activities = activities;
        StartedAt = DateTimeOffset.UtcNow;
        ApiKey = ToSecureString(api.Options.ApiKey);
    }

    /// <summary>The API's base URI, e.g. <c>http://127.0.0.1:54321/api/v1/</c>.</summary>
    public Uri BaseUri => Listener.BaseUri;

    /// <summary>The key the Sandbox accepts (HTTP Basic user name, empty password).</summary>
    public SecureString ApiKey { get; }

    /// <summary>The seed the organization was generated from.</summary>
    public int Seed { get; }

    /// <summary>How many leads it was generated with.</summary>
    public int Leads { get; }

    /// <summary>How many activities it was generated with.</summary>
    public int Activities { get; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>False once Stop-CloseioSandbox stopped it.</summary>
    public bool IsRunning { get; private set; } = true;

    internal SandboxListener Listener { get; }

    internal SandboxApi Api { get; }

    internal void Stop()
    {
        if (!IsRunning) return;
        IsRunning = false;
        Listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The base URI.</summary>
    public override string ToString() => $"Close Sandbox at {BaseUri}";

    private static SecureString ToSecureString(string text)
    {
        var secure = new SecureString();
        foreach (var ch in text) secure.AppendChar(ch);
        secure.MakeReadOnly();
        return secure;
    }
}
