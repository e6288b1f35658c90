namespace Closeio.Core.Http;

/// <summary>
/// Turns what went wrong in one attempt into a <see cref="CloseApiException"/> with a remedy a
/// user can act on, and decides whether another attempt is worth making.
/// </summary>
internal static class CloseFailures
{
    internal const string AuthenticationRemedy =
        "The API key was refused; check it or create a new one in Close under Settings > API Keys, then run Connect-Closeio again.";

    /// <summary>
    /// Whether a status is worth another attempt. Close's guidance: only 429 and 5xx. 501 and 505
    /// say the server will never do this, so they are final. Every request this module makes is a
    /// read (POSTs are searches or GET overrides), so repeating one after a 500 is safe.
    /// </summary>
    public static bool IsTransient(int status) => status == 429 || (status >= 500 && status != 501 && status != 505);

    /// <summary>The failure for an HTTP error answer.</summary>
    public static CloseApiException FromStatus(int status, string group, string? closeError, int attempt,
        TimeSpan? suggestedDelay, RequestLogEntry entry)
    {
        var (kind, remedy) = status switch
        {
            401 => (CloseErrorKind.Authentication, AuthenticationRemedy),
            402 => (CloseErrorKind.PlanLimit,
                "The organization's Close plan does not allow this; ask an admin to upgrade the plan, or leave this stream out."),
            403 => (CloseErrorKind.Forbidden,
                "The key's user may not read this; use the API key of a user with enough permissions (an admin for the event log), or leave this stream out."),
            404 => (CloseErrorKind.NotFound,
                "Close does not know this id or path; check the id, and the base URI of the connection."),
            429 => (CloseErrorKind.RateLimited,
                $"Close still limited the rate after {Attempts(attempt)}; another client may share the key's budget. Wait a minute and run again, or sync fewer streams at once."),
            >= 500 => (CloseErrorKind.ServerUnavailable,
                $"Close's servers did not answer properly ({Attempts(attempt)}); check https://status.close.com and try again later."),
            _ => (CloseErrorKind.BadRequest,
                "Close rejected the request as sent; correct what its message names (a filter, page size or field), or report it as a CloseioPS bug if you did not choose it."),
        };
        return new CloseApiException(kind, status, group, closeError, remedy)
        {
            Attempts = attempt,
            IsTransient = IsTransient(status),
            SuggestedDelay = suggestedDelay,
            AttemptEntry = entry,
        };
    }

    /// <summary>The failure for an attempt that got no complete answer in time.</summary>
    public static CloseApiException Timeout(string group, TimeSpan timeout, int attempt, RequestLogEntry entry,
        Exception inner) =>
        new(CloseErrorKind.Timeout, null, group, null,
            $"No complete answer within {FormatDuration(timeout)} ({Attempts(attempt)}); check the network, or allow more time " +
            "per attempt with Connect-Closeio -TimeoutSec (CloseConnectionOptions.RequestTimeout).",
            inner)
        { Attempts = attempt, IsTransient = true, AttemptEntry = entry };

    /// <summary>
    /// The failure for a connection that could not be made or dropped mid-answer. With
    /// <paramref name="hopeless"/> (a refused connection, an unknown host) it is final at once.
    /// </summary>
    public static CloseApiException Connection(string group, Uri baseUri, int attempt, RequestLogEntry entry,
        string reason, Exception inner, string? hopeless = null) =>
        new(CloseErrorKind.Connection, null, group, null,
            hopeless is null
                ? $"Could not reach {baseUri.Host} ({reason}; {Attempts(attempt)}); check the network, the proxy settings and the base URI."
                : $"Could not reach {baseUri.Host}:{baseUri.Port}: {hopeless} ({reason}); not retried. Check the base URI " +
                  $"(Close's is {CloseConnectionOptions.DefaultBaseUri}), the network and the proxy settings.",
            inner)
        { Attempts = attempt, IsTransient = hopeless is null, AttemptEntry = entry };

    /// <summary>The failure for a redirect, which the client never follows with the key.</summary>
    public static CloseApiException Redirect(int status, string group, Uri baseUri, string? location, int attempt,
        RequestLogEntry entry) =>
        new(CloseErrorKind.Redirect, status, group, location is null ? "a redirect without a Location" : $"redirected to {location}",
            location is null
                ? $"The server at {baseUri.Host} redirects instead of answering; the API key is not sent elsewhere. Check the base URI (Close's is {CloseConnectionOptions.DefaultBaseUri})."
                : $"The server at {baseUri.Host} redirects to {location}; the API key is not sent on to another address. " +
                  $"If that is where the API now lives, connect with -BaseUri set to it (Close's is {CloseConnectionOptions.DefaultBaseUri}).")
        { Attempts = attempt, IsTransient = false, AttemptEntry = entry };

    /// <summary>
    /// The last failure of a request that stopped retrying because another attempt would pass the
    /// bound on one request's total time.
    /// </summary>
    public static CloseApiException OutOfTime(CloseApiException last, TimeSpan bound, TimeSpan spent) =>
        new(last.Kind, last.StatusCode, last.EndpointGroup, last.CloseError,
            $"Gave up after {Attempts(last.Attempts)} in {FormatDuration(spent)}: another would pass the {FormatDuration(bound)} " +
            $"allowed for one request. {last.Remedy}", last.InnerException)
        { Attempts = last.Attempts, IsTransient = false, AttemptEntry = null };

    /// <summary>The failure for a successful status whose body was not the JSON promised.</summary>
    public static CloseApiException InvalidResponse(string group, int status, int attempt, RequestLogEntry entry,
        Exception inner) =>
        new(CloseErrorKind.InvalidResponse, status, group, null,
            $"Close's answer was not complete, valid JSON ({Attempts(attempt)}); if a proxy sits in between, check it, otherwise try again later.",
            inner)
        { Attempts = attempt, IsTransient = true, AttemptEntry = entry };

    /// <summary>Seconds with one decimal, e.g. <c>2.5 s</c>.</summary>
    public static string FormatDuration(TimeSpan t) =>
        t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Attempts(int n) => n == 1 ? "1 attempt" : $"{n} attempts";
}
