using System.Net;
using System.Security;

namespace Closeio.PowerShell.Commands;

/// <summary>Connect-Closeio. Its help (synopsis, description, parameters, examples) is written once, in docs/Connect-Closeio.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsCommunications.Connect, "Closeio", DefaultParameterSetName = FromEnvironment, SupportsShouldProcess = true,
    HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Connect-Closeio.md")]
[OutputType(typeof(Connection))]
public sealed class ConnectCloseioCommand : CloseioProfileCmdlet
{
    private const string WithApiKey = "ApiKey";
    private const string WithCredential = "Credential";
    private const string FromEnvironment = "Environment";
    private const string ToSandbox = "Sandbox";

    /// <summary>The Close API key.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = WithApiKey)]
    [ValidateNotNull]
    public SecureString? ApiKey { get; set; }

    /// <summary>A credential whose password is the API key (or, with an empty password, whose user name is).</summary>
    [Parameter(Mandatory = true, ParameterSetName = WithCredential)]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>Connect to an in-process Sandbox with generated data instead of Close.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ToSandbox)]
    public SwitchParameter Sandbox { get; set; }

    /// <summary>The seed the Sandbox data is generated from (same seed, same data).</summary>
    [Parameter(ParameterSetName = ToSandbox)]
    [ValidateRange(0, int.MaxValue)]
    public int SandboxSeed { get; set; } = 1;

    /// <summary>How many leads the Sandbox holds.</summary>
    [Parameter(ParameterSetName = ToSandbox)]
    [ValidateRange(1, 1_000_000)]
    public int SandboxLeads { get; set; } = 50;

    /// <summary>How many activities the Sandbox holds.</summary>
    [Parameter(ParameterSetName = ToSandbox)]
    [ValidateRange(0, 10_000_000)]
    public int SandboxActivities { get; set; } = 500;

    /// <summary>The API base URI (default https://api.close.com/api/v1/, or the profile's setting).</summary>
    [Parameter(ParameterSetName = WithApiKey)]
    [Parameter(ParameterSetName = WithCredential)]
    [Parameter(ParameterSetName = FromEnvironment)]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    /// <summary>A proxy to reach Close through (default: the system proxy).</summary>
    [Parameter(ParameterSetName = WithApiKey)]
    [Parameter(ParameterSetName = WithCredential)]
    [Parameter(ParameterSetName = FromEnvironment)]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>Credentials for -Proxy.</summary>
    [Parameter(ParameterSetName = WithApiKey)]
    [Parameter(ParameterSetName = WithCredential)]
    [Parameter(ParameterSetName = FromEnvironment)]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>How long one attempt of a request may take, in seconds, before it is abandoned and retried (default 100).</summary>
    [Parameter(ParameterSetName = WithApiKey)]
    [Parameter(ParameterSetName = WithCredential)]
    [Parameter(ParameterSetName = FromEnvironment)]
    [ValidateRange(1, 86_400)]
    public int TimeoutSec { get; set; }

    /// <summary>How many times a failed request is retried (default 6; 0 makes the first failure final).</summary>
    [Parameter(ParameterSetName = WithApiKey)]
    [Parameter(ParameterSetName = WithCredential)]
    [Parameter(ParameterSetName = FromEnvironment)]
    [ValidateRange(0, 100)]
    public int MaximumRetryCount { get; set; }

    /// <summary>Give the proxy the current user's default credentials (saved in the profile; the credentials themselves are not).</summary>
    [Parameter(ParameterSetName = WithApiKey)]
    [Parameter(ParameterSetName = WithCredential)]
    [Parameter(ParameterSetName = FromEnvironment)]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>Save the key, protected, for this profile, so later runs can connect without giving it.</summary>
    [Parameter(ParameterSetName = WithApiKey)]
    [Parameter(ParameterSetName = WithCredential)]
    [Parameter(ParameterSetName = FromEnvironment)]
    public SwitchParameter SaveApiKey { get; set; }

    /// <summary>Connects and writes the connection.</summary>
    protected override void ProcessRecord()
    {
        var profile = SelectProfile();
        if (Sandbox.IsPresent)
        {
            // A Sandbox connection uses its own profile unless one is named, whatever the session had.
            if (NoProfileNamed)
                profile = ProfileStore.ForName(ProfileSelector.SandboxName);
            Connection sandbox;
            try
            {
                sandbox = ConnectionFactory.ConnectSandbox(SandboxSeed, SandboxLeads, SandboxActivities, profile, StopToken);
            }
            catch (Exception e) when (IsOwnFailure(e))
            {
                ThrowFailure(e, "Sandbox");
                return;
            }

            Publish(sandbox);
            return;
        }

        if (NoProfileNamed)
            profile = ProfileStore.ForName(ProfileSelector.DefaultName);
        var keyStore = ApiKeyStore.ForProfile(profile.Path);
        var given = GivenKey();
        // A key given but blank would otherwise fall through to CLOSEIO_API_KEY or the saved key.
        if (given is not null && string.IsNullOrWhiteSpace(given))
            ThrowFailure(new ArgumentException($"The key given with -{ParameterSetName} is empty."), ParameterSetName);
        ResolvedApiKey key;
        try
        {
            key = ApiKeyResolver.Resolve(given, Environment.GetEnvironmentVariable, keyStore);
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            ThrowFailure(e, profile.Path);
            return;
        }

        // The one redactor for this key until the connection (whose client holds its own) exists.
        var redactor = new SecretRedactor(key.Key);
        ConnectionSettings saved;
        try
        {
            saved = ConnectionSettings.Load(profile);
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            // Connecting elsewhere than the profile says (Close's public API, no proxy) would be worse than stopping.
            ThrowFailure(e, profile.Path, redactor);
            return;
        }

        var givenSettings = GivenSettings();
        var settings = givenSettings.Over(saved);
        if (ProxyCredential is not null && settings.Proxy is null)
            ThrowFailure(new ArgumentException("-ProxyCredential needs -Proxy: name the proxy the credentials are for."), null, redactor);

        // Before anything shows the URI or sends the key: no key in the URI, no plain http off this machine.
        try
        {
            InvalidBaseUriException.ThrowIfUnsafe(settings.EffectiveBaseUri);
        }
        catch (InvalidBaseUriException e)
        {
            ThrowFailure(e, InvalidBaseUriException.Describe(settings.EffectiveBaseUri), redactor);
            return;
        }

        WriteVerbose($"Connecting to {settings.EffectiveBaseUri}{(settings.Proxy is null ? "" : $" through {settings.Proxy}")} with the API key from {key.Source}; profile {profile.Path}.");
        Connection connection;
        var log = new RequestLogRelay();
        try
        {
            using (log.Listen())
            {
                var connecting = ConnectionFactory.ConnectAsync(key, settings, ProxyFor(settings), profile, log, StopToken);
                connection = WaitShowingRequests(connecting, log, settings.EffectiveBaseUri, redactor);
            }
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            ThrowFailure(e, settings.EffectiveBaseUri, redactor);
            return;
        }

        SaveSettings(profile, givenSettings, connection.Redactor);

        if (SaveApiKey.IsPresent &&
            Ask(keyStore.Path, $"Save the API key ({ApiKeyStore.ProtectionDescription})"))
        {
            try
            {
                keyStore.Save(key.Key);
                WriteVerbose($"Saved the API key to {keyStore.Path}, {ApiKeyStore.ProtectionDescription}.");
            }
            catch (Exception e) when (IsOwnFailure(e))
            {
                // The connection works; only saving failed, so say so and go on.
                WriteError(ToErrorRecord(e, keyStore.Path, connection.Redactor));
            }
        }

        Publish(connection);
    }

    private void Publish(Connection connection)
    {
        Session.Connection = connection;
        WriteVerbose($"Connected: {connection}.");
        WriteObject(connection);
    }

    private string? GivenKey() => ParameterSetName switch
    {
        WithApiKey => new NetworkCredential(string.Empty, ApiKey).Password,
        // Close reads the key as the Basic user name with an empty password: accept a credential built that way too.
        WithCredential => Credential!.GetNetworkCredential() is { Password.Length: > 0 } c ? c.Password : Credential.UserName,
        _ => null,
    };

    /// <summary>
    /// The connection settings given on this command line; null where a parameter was not given, so the
    /// profile's saved value applies.
    /// </summary>
    private ConnectionSettings GivenSettings() => new()
    {
        BaseUri = BaseUri,
        Proxy = Proxy,
        ProxyUseDefaultCredentials = MyInvocation.BoundParameters.ContainsKey(nameof(ProxyUseDefaultCredentials))
            ? ProxyUseDefaultCredentials.IsPresent
            : null,
        RequestTimeout = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : null,
        MaxRetries = MyInvocation.BoundParameters.ContainsKey(nameof(MaximumRetryCount)) ? MaximumRetryCount : null,
    };

    /// <summary>
    /// Saves the settings given into the profile when one was named (or the key is saved too), so that a
    /// later Connect-Closeio -ProfileName goes to the same place. A one-off connect to the default profile
    /// changes nothing. Never a secret: -ProxyCredential is not saved.
    /// </summary>
    private void SaveSettings(ProfileStore profile, ConnectionSettings given, SecretRedactor redactor)
    {
        if (given.IsEmpty || (NoProfileNamed && !SaveApiKey.IsPresent)) return;
        if (!Ask(profile.Path, "Save the connection settings (base URI, proxy, timeout, retries) in the profile")) return;
        try
        {
            ConnectionSettings.Save(profile, given);
            WriteVerbose($"Saved the connection settings in {profile.Path}.");
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            // The connection works; only saving failed, so say so and go on.
            WriteError(ToErrorRecord(e, profile.Path, redactor));
        }
    }

    private IWebProxy? ProxyFor(ConnectionSettings settings)
    {
        if (settings.Proxy is null) return null;
        var useDefault = settings.ProxyUseDefaultCredentials == true && ProxyCredential is null;
        return new WebProxy(settings.Proxy)
        {
            UseDefaultCredentials = useDefault,
            Credentials = ProxyCredential?.GetNetworkCredential() ?? (useDefault ? CredentialCache.DefaultCredentials : null),
        };
    }
}
