namespace Closeio.Core.Queries;

/// <summary>
/// How a failure is reported to PowerShell: a stable error id, the name of a
/// <c>System.Management.Automation.ErrorCategory</c> member, whether the command must stop, and a
/// message that never holds the API key.
/// </summary>
/// <param name="ErrorId">Stable id, e.g. <c>Closeio.AuthenticationFailed</c>.</param>
/// <param name="Category">An ErrorCategory member name, e.g. <c>AuthenticationError</c>.</param>
/// <param name="Terminating">True when nothing further can be done (a refused key, a locked profile).</param>
/// <param name="Message">What happened and what to do.</param>
/// <param name="RecommendedAction">What the user can do, when known.</param>
public sealed record ErrorClass(string ErrorId, string Category, bool Terminating, string Message, string? RecommendedAction);
