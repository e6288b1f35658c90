namespace Closeio.Sandbox;

/// <summary>How the emulator writes timestamps. Close itself mixes styles, so clients must cope with each.</summary>
public enum TimestampStyle
{
    /// <summary><c>2024-05-01T10:00:00.000000+00:00</c>, Close's usual form.</summary>
    Offset,
    /// <summary><c>2024-05-01T10:00:00.000000</c>: no offset, meaning UTC.</summary>
    Naive,
    /// <summary><c>2024-05-01T10:00:00.000000Z</c>.</summary>
    Zulu,
    /// <summary>Each object gets one of the three styles above, chosen from its id (so the same object always looks the same).</summary>
    Mixed,
}

/// <summary>Where a 429 answer tells the client how long to wait. Close has used each of these over the years.</summary>
public enum RateLimitHintStyle
{
    /// <summary><c>RateLimit: limit=N, remaining=0, reset=S</c> header (S may be a decimal).</summary>
    RateLimitHeader,
    /// <summary><c>Retry-After</c> header, whole seconds rounded up.</summary>
    RetryAfter,
    /// <summary><c>rate_reset</c> at the top level of the JSON body.</summary>
    BodyTopLevel,
    /// <summary><c>rate_reset</c> inside the body's <c>error</c> object.</summary>
    BodyInError,
    /// <summary><c>X-Rate-Limit-Limit</c>, <c>X-Rate-Limit-Remaining</c>, <c>X-Rate-Limit-Reset</c> headers.</summary>
    LegacyXRateLimit,
    /// <summary>No hint at all: the client must fall back to its own back-off.</summary>
    None,
    /// <summary>Each successive 429 uses the next of the styles above, in order.</summary>
    Rotate,
}

/// <summary>A fixed-window rate limit, counted per endpoint group and per API key.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests one API key may make to one endpoint group in one window.</summary>
    public int RequestsPerWindow { get; set; } = 20;

    /// <summary>Length of a window, measured on the organization's clock.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests all keys together may make to one endpoint group in one window (Close: three times a key's).</summary>
    public int OrganizationRequestsPerWindow => RequestsPerWindow * 3;
}

/// <summary>Knobs of the emulated API. The defaults follow close-api.md.</summary>
public sealed class SandboxApiOptions
{
    /// <summary>The API key the emulator accepts (HTTP Basic user name, empty password).</summary>
    public string ApiKey { get; set; } = "sandbox_api_key";

    /// <summary>More keys of the same organization, for tests of per-key and organization-wide limits.</summary>
    public IList<string> AdditionalApiKeys { get; } = new List<string>();

    /// <summary>Largest <c>_skip</c> any skip-paged endpoint accepts.</summary>
    public int MaxSkip { get; set; } = 250_000;

    /// <summary>How long a <c>/data/search/</c> cursor stays valid after it is issued (organization clock).</summary>
    public TimeSpan CursorExpiry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most objects one <c>/data/search/</c> query yields across all its pages.</summary>
    public int SearchResultCap { get; set; } = 10_000;

    /// <summary>How timestamps are written in answers.</summary>
    public TimestampStyle TimestampStyle { get; set; } = TimestampStyle.Offset;

    /// <summary>Null means unlimited.</summary>
    public RateLimitOptions? RateLimit { get; set; }

    /// <summary>How 429 answers (and the rate-limit headers of normal answers) carry their hints.</summary>
    public RateLimitHintStyle HintStyle { get; set; } = RateLimitHintStyle.RateLimitHeader;

    /// <summary>Separator between the parts of the <c>RateLimit</c> header; Close has used <c>", "</c> and <c>"; "</c>.</summary>
    public string RateLimitHeaderSeparator { get; set; } = ", ";

    /// <summary>How <c>GET /event/</c> answers a cursor pointing at an event id it does not know.</summary>
    public UnknownEventCursorAnswer UnknownEventCursor { get; set; } = UnknownEventCursorAnswer.BadRequest;

    /// <summary>
    /// When true, <c>/task/</c> ignores the <c>date_updated__*</c> filters (Close documents them only in its
    /// OpenAPI description, not in its prose), so a client must notice and fall back.
    /// </summary>
    public bool TaskDateUpdatedFilterIgnored { get; set; }

    /// <summary>
    /// List paths (e.g. <c>/status/lead/</c>) that answer the whole list as <c>{"data": [...]}</c>, with no
    /// <c>has_more</c> and no paging, as Close is reported to for statuses and pipelines. Default: the
    /// two status lists and <c>/pipeline/</c>; clear it to have them skip paged like the others.
    /// </summary>
    public ISet<string> WholeListWithoutHasMore { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "/status/lead/", "/status/opportunity/", "/pipeline/" };

    /// <summary>
    /// Endpoints the organization's plan or the key's role does not reach, by path as written in a
    /// route (<c>/sequence/</c>, <c>/custom_object/</c>, <c>/organization/</c>, ...): every route under that
    /// path (the list and <c>{id}/</c>) answers 403 or 404 with Close's <c>{"error": ...}</c> body, after auth.
    /// </summary>
    public IDictionary<string, SandboxRestriction> Restrictions { get; } = new Dictionary<string, SandboxRestriction>(StringComparer.Ordinal);

    internal bool IsValidKey(string key) =>
        string.Equals(key, ApiKey, StringComparison.Ordinal) || AdditionalApiKeys.Contains(key);
}

/// <summary>Why an endpoint is out of reach (see <see cref="SandboxApiOptions.Restrictions"/>).</summary>
public enum SandboxRestriction
{
    /// <summary>403: the API key's user lacks the permission (e.g. not an admin).</summary>
    NoPermission,
    /// <summary>404: the feature is not on the organization's plan, so the endpoint does not exist for it.</summary>
    NotOnPlan,
}
