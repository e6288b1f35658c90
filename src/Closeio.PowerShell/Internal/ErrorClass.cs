namespace Closeio.PowerShell.Internal;

/// <summary>
/// How a failure is reported to PowerShell: a stable error id, its
/// <see cref="ErrorCategory"/>, whether the command must stop, and a
/// message that never holds the API key.
/// </summary>
/// <param name="ErrorId">Stable id, e.g. <c>Closeio.AuthenticationFailed</c>.</param>
/// <param name="Category">E.g. <see cref="ErrorCategory.AuthenticationError"/>.</param>
/// <param name="Terminating">True when nothing further can be done (a refused key, a locked profile).</param>
/// <param name="Message">What happened and what to do.</param>
/// <param name="RecommendedAction">What the user can do, when known.</param>
internal sealed record ErrorClass(string ErrorId, ErrorCategory Category, bool Terminating, string Message, string? RecommendedAction);
