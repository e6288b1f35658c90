using System.Diagnostics;
using System.Net;
using System.Reflection;
using Polly;
using Polly.Retry;

namespace Closeio.Core.Http;

/// <summary>
/// The one way Core talks to Close: authentication, retries and rate limits, streaming JSON, and
/// failures turned into <see cref="CloseApiException"/>. One HttpClient per instance, reused;
/// safe to call from several threads at once.
/// </summary>
/// <remarks>
/// Retried (with exponential back-off and jitter, at most <see cref="CloseConnectionOptions.MaxRetries"/>
/// times, and never past <see cref="CloseConnectionOptions.EffectiveTotalTimeout"/> for the whole
/// request): 429 (waiting as the answer says: <c>RateLimit</c> reset, <c>RateLimit-Reset</c>,
/// <c>Retry-After</c>, <c>X-Rate-Limit-Reset</c>, body <c>rate_reset</c>; else 2, 4, 8 ... 60 s),
/// 5xx except 501/505 (honouring <c>Retry-After</c>), timeouts, dropped connections, and success
/// answers whose body is cut off, malformed or cannot be decompressed. Final at once: other 4xx,
/// redirects (never followed, so the key goes nowhere else), a refused connection and an unknown
/// host name. An endpoint group whose last answer said <c>remaining=0</c> is not called again
/// before its reset. Every attempt is logged as soon as its fate is known, retries with their wait.
/// </remarks>
public sealed class CloseClient : IDisposable
{
    private static readonly ResiliencePropertyKey<CallState> CallKey = new("Closeio.Call");

    private readonly CloseConnectionOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly RateLimitTracker _limits = new();
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly object _dateGate = new();
    // The log sinks of the scopes the current async flow runs in (see BeginLogScope).
    private readonly AsyncLocal<LogScope?> _scope = new();
    private DateTimeOffset? _lastServerDate;
    // Where the Date headers of the answers to the current async flow's calls go (see GetIdentityAndDateAsync).
    private readonly AsyncLocal<StrongBox<DateTimeOffset?>?> _dateProbe = new();

    /// <summary>Masks this connection's key in any text shown to a user (the one redactor every layer uses).</summary>
    public SecretRedactor Redactor => _redactor;

    /// <summary>Creates a client for one connection.</summary>
    public CloseClient(CloseConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey)) throw new ArgumentException("An API key is required.", nameof(options));
        if (options.RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "RequestTimeout must be positive.");
        if (options.MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxRetries cannot be negative.");
        if (options.EffectiveTotalTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "TotalTimeout must be positive.");
        // The options refuse an unsafe base URI when set; checked again in case they were built another way.
        InvalidBaseUriException.ThrowIfUnsafe(options.BaseUri);

        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _redactor = new SecretRedactor(options.ApiKey);
        _http = CreateHttpClient(options);
        _pipeline = CreatePipeline(options.MaxRetries, options.RequestTimeout, options.EffectiveTotalTimeout, _time);
    }

    /// <summary>The base URI requests are relative to.</summary>
    public Uri BaseUri => _options.BaseUri;

    /// <summary>The server's clock as of the most recent answer's Date header; null before any answer.</summary>
    public DateTimeOffset? LastServerDate
    {
        get { lock (_dateGate) return _lastServerDate; }
    }

    /// <summary>The User-Agent sent with every request, e.g. <c>CloseioPS/0.1.0 (+PowerShell)</c>.</summary>
    internal static string UserAgent { get; } =
        $"CloseioPS/{typeof(CloseClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} (+PowerShell)";

    /// <summary>
    /// Sends one request (retrying transient failures) and returns the answer's JSON, parsed from the
    /// response stream as it arrives. The caller disposes the document.
    /// </summary>
    /// <exception cref="CloseApiException">The request failed for good.</exception>
    /// <exception cref="ArgumentException">The request is malformed (absolute path, GET with a body).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<JsonDocument> SendAsync(CloseRequest request, CancellationToken cancellationToken)
    {
        var call = new CallState(PreparedRequest.Create(_options.BaseUri, request), request.Counters);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, self) => self.TimedAttemptAsync(ctx.Properties.GetValue(CallKey, null!), ctx.CancellationToken),
                context, this).ConfigureAwait(false);
        }
        catch (CloseApiException e)
        {
            call.Counters?.AddError();
            if (e.AttemptEntry is { } entry)
            {
                var note = call.OutOfTime is { } bound
                    ? $"giving up after {Plural(e.Attempts, "attempt")}: another would pass the {CloseFailures.FormatDuration(bound)} allowed for one request"
                    : e.IsTransient && e.Attempts > 1 ? $"giving up after {e.Attempts} attempts" : null;
                Log(entry with { Note = Join(entry.Note, note) });
            }
            if (call.OutOfTime is { } total) throw CloseFailures.OutOfTime(e, total, call.Spent);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Sends the log entries of every request made from the calling async flow (and the work it
    /// starts) to <paramref name="log"/> as well as to <see cref="CloseConnectionOptions.Log"/>, until
    /// the returned handle is disposed. Lets a sync run hear its own requests while sharing the
    /// connection's client, and so its knowledge of the rate limits. Scopes nest; each hears its
    /// requests once.
    /// </summary>
    public IDisposable BeginLogScope(Action<RequestLogEntry> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var scope = new LogScope(log, _scope.Value, _scope);
        _scope.Value = scope;
        return scope;
    }

    /// <summary>Asks <c>GET me/</c> who the key belongs to: the cheap way to check a key.</summary>
    /// <exception cref="CloseApiException">The key was refused or Close could not be reached.</exception>
    public async Task<CloseIdentity> GetIdentityAsync(CancellationToken cancellationToken)
    {
        using var me = await SendAsync(new CloseRequest(HttpMethod.Get, "me/"), cancellationToken).ConfigureAwait(false);
        try
        {
            return CloseIdentityReader.Read(me.RootElement);
        }
        catch (JsonException e)
        {
            throw new CloseApiException(CloseErrorKind.InvalidResponse, 200, "GET me/", null,
                "The answer to me/ did not describe a user; check that the base URI points at Close's API (…/api/v1/).", e);
        }
    }

    /// <summary>
    /// <see cref="GetIdentityAsync"/>, with the <c>Date</c> header of this very answer (null when it had
    /// none), not <see cref="LastServerDate"/>, which another request on the shared client may have set earlier.
    /// </summary>
    internal async Task<(CloseIdentity Identity, DateTimeOffset? ServerDate)> GetIdentityAndDateAsync(CancellationToken cancellationToken)
    {
        var probe = new StrongBox<DateTimeOffset?>();
        _dateProbe.Value = probe;
        var identity = await GetIdentityAsync(cancellationToken).ConfigureAwait(false);
        return (identity, probe.Value);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // Counts the attempt's own (real) time towards the request's total; waits are counted where they are decided.
    private async ValueTask<JsonDocument> TimedAttemptAsync(CallState call, CancellationToken cancellationToken)
    {
        call.AttemptStarted = Stopwatch.GetTimestamp();
        try
        {
            return await AttemptAsync(call, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            call.Spent += Stopwatch.GetElapsedTime(call.AttemptStarted);
        }
    }

    private async ValueTask<JsonDocument> AttemptAsync(CallState call, CancellationToken cancellationToken)
    {
        var prepared = call.Request;
        var group = prepared.EndpointGroup;
        var attempt = ++call.Attempts; // attempts of one call run one after another
        string? note = prepared.ParamsInBody ? "query sent as _params in a POST body" : null;

        // Proactive limiting: the group's budget is known to be spent, so wait for its reset rather
        // than spend a request on a certain 429.
        var wait = _limits.WaitFor(group, _time.GetUtcNow());
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            call.Spent += wait;
            note = Join(note, $"waited {CloseFailures.FormatDuration(wait)} for the rate limit to reset");
        }
        call.AttemptStarted = Stopwatch.GetTimestamp(); // the rate-limit wait above is already counted

        call.Counters?.AddRequest();
        var started = _time.GetTimestamp();
        RequestLogEntry Entry(int? status, string? extra) =>
            new(prepared.Method, prepared.LogPath, status, _time.GetElapsedTime(started), attempt, group, Join(note, extra));

        // Real time on purpose: a test clock that jumps on every wait would fire the timeout at once.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        int? status = null;
        try
        {
            using var message = prepared.CreateMessage();
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            status = (int)response.StatusCode;
            NoteServerDate(response);
            _limits.Observe(group, RateLimitStatus.From(response.Headers), _time.GetUtcNow());

            if (response.IsSuccessStatusCode)
            {
                JsonDocument document;
                try
                {
                    var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    {
                        document = await JsonDocument.ParseAsync(stream, default, timeout.Token).ConfigureAwait(false);
                    }
                }
                catch (JsonException e)
                {
                    throw CloseFailures.InvalidResponse(group, status.Value, attempt, Entry(status, "malformed or truncated JSON"), e);
                }
                catch (InvalidDataException e)
                {
                    // A compressed body that does not decompress (a corrupt gzip stream): as unreadable as a cut-off one.
                    var reason = _redactor.Redact(e.Message) ?? e.GetType().Name;
                    throw CloseFailures.InvalidResponse(group, status.Value, attempt,
                        Entry(status, $"body could not be decompressed: {reason}"), new InvalidDataException(reason));
                }
                Log(Entry(status, null));
                return document;
            }

            if (status is >= 300 and < 400)
            {
                // Never followed: the key is not sent on to wherever the answer points.
                var location = response.Headers.Location is { } l ? ResolveLocation(prepared, l) : null;
                throw CloseFailures.Redirect(status.Value, group, _options.BaseUri, location, attempt,
                    Entry(status, location is null ? "redirect not followed" : $"redirect to {location} not followed"));
            }

            var body = await CloseErrorBody.ReadAsync(response.Content, timeout.Token).ConfigureAwait(false);
            TimeSpan? delay = null;
            if (status == 429)
            {
                call.Counters?.AddRateLimited();
                delay = RetryHints.For429(response, body, _time.GetUtcNow());
                // Everyone calling this group waits, not just this call.
                if (delay is { } d) _limits.Block(group, _time.GetUtcNow() + d);
            }
            else if (status >= 500)
            {
                delay = RetryHints.RetryAfter(response, _time.GetUtcNow());
            }
            throw CloseFailures.FromStatus(status.Value, group, _redactor.Redact(body.Message), attempt, delay,
                Entry(status, null));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw CloseFailures.Timeout(group, _options.RequestTimeout, attempt,
                Entry(status, $"timed out after {CloseFailures.FormatDuration(_options.RequestTimeout)}"), e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            var reason = _redactor.Redact(e.Message) ?? e.GetType().Name;
            // Nothing listens there, or the name does not exist: asking again will not change that.
            var hopeless = status is null ? ConnectionFailures.Hopeless(e) : null;
            var what = status is not null ? "connection dropped while reading"
                : hopeless is not null ? $"connection failed ({hopeless})" : "connection failed";
            // PowerShell shows inner exceptions too, so one that quotes the key is not passed on.
            var inner = !_redactor.Exposes(e.ToString()) ? e : new IOException(reason);
            throw CloseFailures.Connection(group, _options.BaseUri, attempt, Entry(status, $"{what}: {reason}"), reason, inner,
                hopeless);
        }
    }

    private void NoteServerDate(HttpResponseMessage response)
    {
        if (response.Headers.Date is { } date)
        {
            lock (_dateGate) _lastServerDate = date;
            if (_dateProbe.Value is { } probe) probe.Value = date;
        }
    }

    private void Log(RequestLogEntry entry)
    {
        _options.Log?.Invoke(entry);
        for (var scope = _scope.Value; scope is not null; scope = scope.Outer)
        {
            if (!scope.Ended) scope.Sink(entry);
        }
    }

    /// <summary>A redirect's target, absolute, without a user part or query (it is only shown).</summary>
    private string ResolveLocation(PreparedRequest prepared, Uri location)
    {
        var absolute = location.IsAbsoluteUri ? location : new Uri(prepared.RequestUri, location);
        return _redactor.Redact(InvalidBaseUriException.Describe(absolute))!;
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string? Join(string? a, string? b) =>
        string.IsNullOrEmpty(a) ? b : string.IsNullOrEmpty(b) ? a : $"{a}; {b}";

    private ResiliencePipeline CreatePipeline(int maxRetries, TimeSpan requestTimeout, TimeSpan totalTimeout, TimeProvider time)
    {
        // Polly refuses zero retries; zero simply means every attempt is final.
        if (maxRetries == 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // The wait is decided here, with the retry: a retry whose wait and full attempt would
                // end past the request's total bound is not made, so a silent server costs minutes, not 7 × 100 s.
                ShouldHandle = args =>
                {
                    if (args.Outcome.Exception is not CloseApiException { IsTransient: true } e) return ValueTask.FromResult(false);
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    if (call is null || args.AttemptNumber >= maxRetries) return ValueTask.FromResult(true);
                    var delay = NextDelay(e, args.AttemptNumber);
                    if (call.Spent + delay + requestTimeout > totalTimeout)
                    {
                        call.OutOfTime = totalTimeout;
                        return ValueTask.FromResult(false);
                    }
                    call.NextDelay = delay;
                    return ValueTask.FromResult(true);
                },
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(60),
                DelayGenerator = static args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    return ValueTask.FromResult(call?.NextDelay);
                },
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    call?.Counters?.AddRetry();
                    if (call is not null) call.Spent += args.RetryDelay;
                    if (args.Outcome.Exception is CloseApiException { AttemptEntry: { } entry })
                    {
                        var status = entry.Status is { } s ? $"{s}, " : "";
                        Log(entry with { Note = Join(entry.Note, $"{status}waiting {CloseFailures.FormatDuration(args.RetryDelay)}") });
                    }
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The wait before retry number <paramref name="retry"/> + 1 (0-based) after <paramref name="e"/>.</summary>
    private static TimeSpan NextDelay(CloseApiException e, int retry) => e switch
    {
        // The server's own word on when to come back beats any guess.
        { SuggestedDelay: { } d } => d,
        // A 429 that names no reset: a window is usually a second or two, so start at 2 s.
        { StatusCode: 429 } => RateLimitBackOff(retry),
        _ => BackOff(retry),
    };

    /// <summary>1, 2, 4 ... 60 s, plus up to a quarter more so parallel callers do not return in step.</summary>
    internal static TimeSpan BackOff(int retry)
    {
        var seconds = Math.Min(60, Math.Pow(2, retry));
        return TimeSpan.FromSeconds(seconds * (1 + Random.Shared.NextDouble() / 4));
    }

    /// <summary>2, 4, 8 ... 60 s, plus up to a quarter more so parallel callers do not return in step.</summary>
    internal static TimeSpan RateLimitBackOff(int retry)
    {
        var seconds = Math.Min(60, Math.Pow(2, retry + 1));
        return TimeSpan.FromSeconds(seconds * (1 + Random.Shared.NextDouble() / 4));
    }

    private static HttpClient CreateHttpClient(CloseConnectionOptions options)
    {
        HttpMessageHandler handler = options.Handler ?? new SocketsHttpHandler
        {
            // Reused for the client's life, so refresh pooled connections to follow DNS changes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // A redirect is reported, never followed: the key must not travel on to another address.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            Proxy = options.Proxy, // null: the system proxy
            UseProxy = true,
        };
        var http = new HttpClient(handler, disposeHandler: options.Handler is null)
        {
            // Each attempt has its own real-time timeout; the client-wide one would cut across retries.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ApiKey + ":"));
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic " + basic);
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
        http.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/json");
        return http;
    }

    /// <summary>One <see cref="BeginLogScope"/>: its sink and the scope it was opened in.</summary>
    private sealed class LogScope(Action<RequestLogEntry> sink, LogScope? outer, AsyncLocal<LogScope?> current) : IDisposable
    {
        private volatile bool _ended;

        public Action<RequestLogEntry> Sink { get; } = sink;
        public LogScope? Outer { get; } = outer;

        // Work started inside the scope may outlive it (a flow keeps its copy); once ended it hears nothing.
        public bool Ended => _ended;

        public void Dispose()
        {
            _ended = true;
            if (ReferenceEquals(current.Value, this)) current.Value = Outer;
        }
    }

    /// <summary>The progress of one <see cref="SendAsync"/> call across its attempts.</summary>
    private sealed class CallState(PreparedRequest request, RequestCounters? counters)
    {
        public PreparedRequest Request { get; } = request;
        public RequestCounters? Counters { get; } = counters;
        public int Attempts { get; set; }
        // Attempts run one after another, so these need no lock.
        public long AttemptStarted { get; set; }
        /// <summary>Attempts (real time) and waits so far, against the request's total bound.</summary>
        public TimeSpan Spent { get; set; }
        public TimeSpan? NextDelay { get; set; }
        /// <summary>Set when retrying stopped because the total bound would be passed.</summary>
        public TimeSpan? OutOfTime { get; set; }
    }
}
