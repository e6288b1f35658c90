namespace Closeio.Sandbox;

/// <summary>A failure the emulator can inject in place of (or on top of) a normal answer.</summary>
public enum SandboxFault
{
    /// <summary>500 Internal Server Error.</summary>
    InternalServerError,
    /// <summary>502 Bad Gateway.</summary>
    BadGateway,
    /// <summary>503 Service Unavailable.</summary>
    ServiceUnavailable,
    /// <summary>504 Gateway Timeout.</summary>
    GatewayTimeout,
    /// <summary>The normal answer, after <see cref="SandboxFaults.SlowAnswerDelay"/> of real time.</summary>
    SlowAnswer,
    /// <summary>The connection breaks: HttpClient sees an HttpRequestException / IOException.</summary>
    DroppedConnection,
    /// <summary>200 with the first half of the JSON body only.</summary>
    TruncatedBody,
    /// <summary>200 with no body at all.</summary>
    EmptyBody,
    /// <summary>302 to the same path under <see cref="SandboxFaults.RedirectLocation"/> (another host, or a moved API).</summary>
    Redirect,
    /// <summary>402 Payment Required: the organization's plan does not cover the request (not retried).</summary>
    PaymentRequired,
    /// <summary>
    /// Event list only (<c>GET /event/</c>): an empty <c>data</c> with a <c>cursor_next</c> that goes
    /// on where this page should have started. Other endpoints answer normally.
    /// </summary>
    EventEmptyPageWithMore,
    /// <summary>
    /// Event list only: a request that follows a cursor gets the page before it again, with the same
    /// <c>cursor_next</c> it was asked with. A first page (no cursor) is answered normally.
    /// </summary>
    EventRepeatedPage,
    /// <summary>
    /// Event list only: the page is right but its <c>cursor_next</c> points at an event id the log
    /// does not know; following it is answered as <see cref="SandboxApiOptions.UnknownEventCursor"/> says.
    /// </summary>
    EventUnknownCursor,
    /// <summary>
    /// 429 Too Many Requests on this one request, whatever the rate limit, with a wait hint of
    /// <see cref="SandboxFaults.TooManyRequestsReset"/> in the style <see cref="SandboxApiOptions.HintStyle"/> names.
    /// </summary>
    TooManyRequests,
    /// <summary>200 with <c>Content-Encoding: gzip</c> and a body that is not a gzip stream.</summary>
    GzipCorruptBody,
    /// <summary>200 with an HTML page instead of JSON (a proxy's or a maintenance page).</summary>
    HtmlBody,
    /// <summary>
    /// Skip-paged lists only (answers with <c>has_more</c>): no records and <c>has_more: true</c>, so the
    /// next page starts where this one should have. Other endpoints answer normally.
    /// </summary>
    EmptyPageWithMore,
}

/// <summary>How <c>GET /event/</c> answers a cursor whose event id it does not know (Close's answer is not documented).</summary>
public enum UnknownEventCursorAnswer
{
    /// <summary>400 <c>{"error": "Invalid cursor."}</c>.</summary>
    BadRequest,
    /// <summary>200 with no events and no <c>cursor_next</c>, as if the log had ended.</summary>
    EmptyPage,
}

/// <summary>
/// Faults to inject, per endpoint group (such as <c>GET /activity/</c>) or for every group (null):
/// scripted (the next N answers, in order) or by probability (from a seeded random source, so a
/// run is repeatable). A script is used up before any probability is consulted.
/// </summary>
public sealed class SandboxFaults
{
    private const string AnyGroup = "*";
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<SandboxFault?>> _scripts = new(StringComparer.Ordinal);
    private readonly List<(string Group, SandboxFault Fault, double Probability)> _chances = [];
    private Random _random;

    internal SandboxFaults(int seed) => _random = new Random(seed);

    /// <summary>
    /// How long a <see cref="SandboxFault.SlowAnswer"/> waits. Real time on purpose: it exists to
    /// trip the client's request timeout, which is measured in real time.
    /// </summary>
    public TimeSpan SlowAnswerDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait a <see cref="SandboxFault.TooManyRequests"/> answer asks for, in seconds (may be a decimal).</summary>
    public double TooManyRequestsReset { get; set; } = 2.5;

    /// <summary>The base URI a <see cref="SandboxFault.Redirect"/> points to (the request's path is appended).</summary>
    public Uri RedirectLocation { get; set; } = new("https://api.close.com/api/v1/");

    /// <summary>Queues the next answers of a group (null group: of any group); a null entry is a normal answer.</summary>
    public void Script(string? group, params SandboxFault?[] nextAnswers)
    {
        lock (_gate)
        {
            var key = group ?? AnyGroup;
            if (!_scripts.TryGetValue(key, out var queue)) _scripts[key] = queue = new Queue<SandboxFault?>();
            foreach (var f in nextAnswers) queue.Enqueue(f);
        }
    }

    /// <summary>Makes a fault happen on a share of a group's requests (null group: of every group's).</summary>
    public void SetProbability(SandboxFault fault, double probability, string? group = null)
    {
        if (probability is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(probability));
        lock (_gate)
        {
            _chances.RemoveAll(c => c.Group == (group ?? AnyGroup) && c.Fault == fault);
            if (probability > 0) _chances.Add((group ?? AnyGroup, fault, probability));
        }
    }

    /// <summary>Restarts the random source, so a test can replay the same sequence of faults.</summary>
    public void Reseed(int seed)
    {
        lock (_gate) _random = new Random(seed);
    }

    /// <summary>Removes every script and probability.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _scripts.Clear();
            _chances.Clear();
        }
    }

    /// <summary>Scripted answers not yet used, over all groups.</summary>
    public int PendingScripted
    {
        get { lock (_gate) return _scripts.Values.Sum(q => q.Count); }
    }

    /// <summary>Decides the fault (or none) for the next request of a group.</summary>
    internal SandboxFault? Next(string group)
    {
        lock (_gate)
        {
            if (_scripts.TryGetValue(group, out var own) && own.Count > 0) return own.Dequeue();
            if (_scripts.TryGetValue(AnyGroup, out var any) && any.Count > 0) return any.Dequeue();
            foreach (var (g, fault, p) in _chances)
            {
                if (g != group && g != AnyGroup) continue;
                if (_random.NextDouble() < p) return fault;
            }
            return null;
        }
    }
}
