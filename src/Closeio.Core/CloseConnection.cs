namespace Closeio.Core;

/// <summary>
/// A checked connection to one Close organization: the options, one <see cref="CloseClient"/>, and
/// the identity the key belongs to (from <c>GET me/</c>). Dispose it to release the HTTP client.
/// </summary>
public sealed class CloseConnection : IDisposable
{
    // How long the connect's own me/ answer may stand in for a run's: a scheduled task connects and
    // syncs at once, and one me/ is enough to check the key and sample the server's clock.
    private static readonly TimeSpan FreshProbeAge = TimeSpan.FromSeconds(10);

    private IdentityProbe? _probe;

    private CloseConnection(CloseConnectionOptions options, CloseClient client, CloseIdentity identity, IdentityProbe? probe = null)
    {
        Options = options;
        Client = client;
        Identity = identity;
        _probe = probe;
    }

    /// <summary>The options the connection was made with.</summary>
    public CloseConnectionOptions Options { get; }

    /// <summary>The client every request of this connection goes through.</summary>
    public CloseClient Client { get; }

    /// <summary>The user and organization behind the API key.</summary>
    public CloseIdentity Identity { get; }

    /// <summary>The base URI of the API.</summary>
    public Uri BaseUri => Client.BaseUri;

    /// <summary>
    /// Creates the client and checks the key with <c>GET me/</c>.
    /// </summary>
    /// <exception cref="CloseApiException">The key was refused or Close could not be reached.</exception>
    public static async Task<CloseConnection> ConnectAsync(CloseConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new CloseClient(options);
        try
        {
            var (identity, serverDate) = await client.GetIdentityAndDateAsync(cancellationToken).ConfigureAwait(false);
            return new CloseConnection(options, client, identity,
                new IdentityProbe(serverDate, options.TimeProvider.GetUtcNow()));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The <c>Date</c> of the connect's me/ answer (null when it had none), once, and only while it is
    /// fresh: the first run started right after connecting uses it instead of asking me/ again. An older
    /// sample would only lower that run's upper bound (what lies after it comes with the next run).
    /// </summary>
    internal bool TryTakeFreshServerDate(out DateTimeOffset? serverDate)
    {
        serverDate = null;
        var probe = Interlocked.Exchange(ref _probe, null);
        if (probe is null) return false;
        // On the run's own clock (a test's or the system's); a clock set back since also counts as stale.
        var age = Options.TimeProvider.GetUtcNow() - probe.TakenAt;
        if (age < TimeSpan.Zero || age > FreshProbeAge) return false;
        serverDate = probe.ServerDate;
        return true;
    }

    private sealed record IdentityProbe(DateTimeOffset? ServerDate, DateTimeOffset TakenAt);

    /// <summary>Names the organization, the user and the base URI; never the key.</summary>
    public override string ToString() =>
        $"{Identity.OrganizationName} ({Identity.OrganizationId}) as {Identity.UserName} <{Identity.Email}> at {BaseUri}";

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
