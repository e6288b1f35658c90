namespace Closeio.Core.Http;

/// <summary>Why a request to Close failed, in terms a user can act on.</summary>
public enum CloseErrorKind
{
    /// <summary>401: the API key was refused.</summary>
    Authentication,
    /// <summary>402: the organization's plan does not allow this.</summary>
    PlanLimit,
    /// <summary>403: the key's user may not do this.</summary>
    Forbidden,
    /// <summary>404: unknown id or path.</summary>
    NotFound,
    /// <summary>400 (and other 4xx): Close rejected the request as sent.</summary>
    BadRequest,
    /// <summary>429 and still limited after every retry.</summary>
    RateLimited,
    /// <summary>5xx after every retry.</summary>
    ServerUnavailable,
    /// <summary>No complete answer within the request timeout, after every retry.</summary>
    Timeout,
    /// <summary>The connection failed or dropped, after every retry.</summary>
    Connection,
    /// <summary>The answer was not the JSON expected, after every retry.</summary>
    InvalidResponse,
    /// <summary>3xx: the server pointed elsewhere; the client does not follow with the key.</summary>
    Redirect,
}
