using System.Net;

namespace Closeio.Core.Http;

/// <summary>
/// Everything needed to reach one Close organization: where, with which key, through which proxy,
/// and how patiently. The API key is never logged and never appears in a message or ToString.
/// </summary>
public sealed class CloseConnectionOptions
{
    /// <summary>The default base URI of Close's REST API.</summary>
    public static readonly Uri DefaultBaseUri = new("https://api.close.com/api/v1/");

    private Uri _baseUri = DefaultBaseUri;

    /// <summary>
    /// Base URI of the API; request paths are relative to it. A missing trailing slash is added,
    /// because without it a relative path would replace the last segment (<c>v1</c>). Refused
    /// (<see cref="InvalidBaseUriException"/>) before any connection is made: a scheme other than
    /// https, plain http to anything but this machine, and a user part (a key has no place there).
    /// </summary>
    public Uri BaseUri
    {
        get => _baseUri;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            InvalidBaseUriException.ThrowIfUnsafe(value);
            _baseUri = value.AbsoluteUri.EndsWith('/') ? value : new Uri(value.AbsoluteUri + "/");
        }
    }

    /// <summary>The Close API key; sent as the HTTP Basic user name with an empty password.</summary>
    public required string ApiKey { get; init; }

    /// <summary>An explicit proxy (address and credentials); null uses the system proxy.</summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>
    /// How long one attempt (send and read the whole answer) may take, in real time, before it is
    /// abandoned and retried. Connect-Closeio's <c>-TimeoutSec</c>.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How many times a failed attempt is retried (so at most MaxRetries + 1 attempts).
    /// Connect-Closeio's <c>-MaximumRetryCount</c>.
    /// </summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>
    /// The most time one request may take in all: its attempts and the waits between them. No retry
    /// is started that could end past it. Null (the default) means <see cref="DefaultTotalTimeout"/>.
    /// </summary>
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>
    /// The bound used when <see cref="TotalTimeout"/> is null: three full attempts, and at least
    /// 5 minutes, so a server that never answers costs minutes rather than 7 × 100 s, while rate-limit
    /// waits and back-off still fit.
    /// </summary>
    public TimeSpan EffectiveTotalTimeout => TotalTimeout ?? DefaultTotalTimeout(RequestTimeout);

    /// <summary>Three times <paramref name="requestTimeout"/>, and at least 5 minutes.</summary>
    public static TimeSpan DefaultTotalTimeout(TimeSpan requestTimeout)
    {
        var three = requestTimeout >= TimeSpan.MaxValue / 4 ? TimeSpan.MaxValue : requestTimeout * 3;
        return three > TimeSpan.FromMinutes(5) ? three : TimeSpan.FromMinutes(5);
    }

    /// <summary>The clock for back-off and rate-limit waits (tests inject a controlled clock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// An in-process handler (the Sandbox) used instead of the network. The client does not
    /// dispose it. When set, <see cref="Proxy"/> is ignored.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Called once per attempt, on any thread. Entries never contain the API key.</summary>
    public Action<RequestLogEntry>? Log { get; init; }

    /// <summary>Names the base URI only; the key stays out.</summary>
    public override string ToString() => $"Close connection options for {BaseUri}";
}
