namespace Closeio.Core.Http;

/// <summary>
/// A request to Close that failed for good: what kind of failure, Close's own words when it gave
/// any, and what the user can do about it. Never contains the API key.
/// </summary>
/// <param name="kind">The kind of failure.</param>
/// <param name="statusCode">HTTP status, or null when no answer arrived.</param>
/// <param name="endpointGroup">Method and path pattern, e.g. <c>GET lead/{id}/</c>.</param>
/// <param name="closeError">Close's error text, when the answer carried one.</param>
/// <param name="remedy">What the user can do about it.</param>
/// <param name="innerException">The underlying failure, if any.</param>
public class CloseApiException(CloseErrorKind kind, int? statusCode, string endpointGroup, string? closeError,
        string remedy, Exception? innerException = null)
    : Exception(ComposeMessage(kind, statusCode, endpointGroup, closeError, remedy), innerException)
{
    /// <summary>The kind of failure.</summary>
    public CloseErrorKind Kind { get; } = kind;

    /// <summary>HTTP status of the last answer, or null when none arrived.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>Method and path pattern of the request, e.g. <c>GET lead/{id}/</c>.</summary>
    public string EndpointGroup { get; } = endpointGroup;

    /// <summary>Close's <c>error</c> text, or its <c>errors</c> / <c>field-errors</c> summarized.</summary>
    public string? CloseError { get; } = closeError;

    /// <summary>What the user can do about it.</summary>
    public string Remedy { get; } = remedy;

    /// <summary>How many attempts were made before giving up (1 when not retried).</summary>
    public int Attempts { get; internal init; } = 1;

    /// <summary>Whether another attempt could succeed (only meaningful inside the client).</summary>
    internal bool IsTransient { get; init; }

    /// <summary>How long the server asked us to wait before the next attempt, when it said.</summary>
    internal TimeSpan? SuggestedDelay { get; init; }

    /// <summary>The log line for the attempt that produced this failure, written once its fate is known.</summary>
    internal RequestLogEntry? AttemptEntry { get; init; }

    private static string ComposeMessage(CloseErrorKind kind, int? statusCode, string endpointGroup,
        string? closeError, string remedy)
    {
        var what = statusCode is { } s ? $"Close answered {s} to {endpointGroup}" : $"{endpointGroup} failed ({kind})";
        var said = string.IsNullOrWhiteSpace(closeError) ? "" : $": {closeError.TrimEnd('.')}";
        return $"{what}{said}. {remedy}";
    }
}
