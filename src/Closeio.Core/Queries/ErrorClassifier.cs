using Closeio.Core.Http;
using Closeio.Core.Records;
using Closeio.Core.Secrets;
using Closeio.Core.State;
using Closeio.Core.Output;

namespace Closeio.Core.Queries;

/// <summary>
/// Turns the module's exceptions into <see cref="ErrorClass"/>es, so every cmdlet reports the same
/// failure with the same error id and category.
/// </summary>
public static class ErrorClassifier
{
    /// <summary>What replaces a secret that somehow reached a message.</summary>
    public const string Redacted = "***";

    /// <summary>Classifies <paramref name="error"/>.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="secret">The API key in use, removed from the message should it ever appear there.</param>
    public static ErrorClass Classify(Exception error, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (id, category, terminating, remedy) = error switch
        {
            CloseApiException api => ForApi(api),
            ApiKeyMissingException => ("Closeio.ApiKeyMissing", "AuthenticationError", true, (string?)null),
            SavedApiKeyException => ("Closeio.SavedApiKeyUnusable", "SecurityError", true, null),
            ProfileLockedException => ("Closeio.ProfileLocked", "ResourceBusy", true, "Wait for the other run to finish, then run this command again, or add -WaitForLock with the longest wait you accept (e.g. -WaitForLock 00:10:00)."),
            ProfileNotWritableException => ("Closeio.ProfileNotWritable", "PermissionDenied", true, "Make the profile's folder writable for this user, or use a profile in a folder this user can write (-ProfilePath)."),
            OutputFileOwnedException { InUse: true } => ("Closeio.OutputFileInUse", "ResourceBusy", true, "Give each profile its own -OutputDirectory, or run them one after the other."),
            OutputFileOwnedException o => ("Closeio.OutputFileOwnedByAnotherProfile", "InvalidOperation", true, $"Give each profile its own -OutputDirectory; if the owning profile no longer writes there, delete '{o.OwnerNote}'."),
            ProfileCorruptException => ("Closeio.ProfileCorrupt", "InvalidData", true, null),
            RecordFileColumnsException => ("Closeio.OutputFileColumnsDiffer", "InvalidData", true, null),
            NotConnectedException => ("Closeio.NotConnected", "ConnectionError", true, "Run Connect-Closeio first (or Connect-Closeio -Sandbox to try the module), or pass -Connection."),
            InvalidTapStateException => ("Closeio.InvalidTapState", "InvalidData", true, "Give the state file tap-closeio (or a Singer runner) wrote: {\"bookmarks\": {\"leads\": {\"date_updated\": \"...\"}}}."),
            InvalidDataException => ("Closeio.InvalidRecord", "InvalidData", false, null),
            InvalidBaseUriException => ("Closeio.InvalidBaseUri", "InvalidArgument", true, null),
            ArgumentException => ("Closeio.InvalidArgument", "InvalidArgument", true, null),
            OperationCanceledException => ("Closeio.Stopped", "OperationStopped", true, null),
            UnauthorizedAccessException => ("Closeio.AccessDenied", "PermissionDenied", true, null),
            IOException => ("Closeio.FileError", "WriteError", true, null),
            _ => ("Closeio.UnexpectedError", "NotSpecified", true, null),
        };
        return new ErrorClass(id, category, terminating, Redact(Sentence(error, remedy), secret), remedy is null ? null : Redact(remedy, secret));
    }

    /// <summary>
    /// The message as a user reads it: without .NET's "(Parameter 'name')" suffix (the error's target
    /// names the bad value), and without the remedy, which the error shows as its recommended action.
    /// </summary>
    private static string Sentence(Exception error, string? remedy)
    {
        var text = error.Message;
        if (error is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (text.EndsWith(suffix, StringComparison.Ordinal)) text = text[..^suffix.Length];
        }

        if (!string.IsNullOrWhiteSpace(remedy) && text.Length > remedy.Length && text.Contains(remedy, StringComparison.Ordinal))
            text = text.Replace(remedy, "", StringComparison.Ordinal).Trim();
        return text;
    }

    private static (string, string, bool, string?) ForApi(CloseApiException e) => e.Kind switch
    {
        CloseErrorKind.Authentication => ("Closeio.AuthenticationFailed", "AuthenticationError", true, e.Remedy),
        CloseErrorKind.PlanLimit => ("Closeio.PlanLimit", "LimitsExceeded", true, e.Remedy),
        CloseErrorKind.Forbidden => ("Closeio.Forbidden", "PermissionDenied", false, e.Remedy),
        CloseErrorKind.NotFound => ("Closeio.NotFound", "ObjectNotFound", false, e.Remedy),
        CloseErrorKind.BadRequest => ("Closeio.BadRequest", "InvalidArgument", false, e.Remedy),
        CloseErrorKind.RateLimited => ("Closeio.RateLimited", "LimitsExceeded", true, e.Remedy),
        CloseErrorKind.ServerUnavailable => ("Closeio.ServerUnavailable", "ResourceUnavailable", true, e.Remedy),
        CloseErrorKind.Timeout => ("Closeio.Timeout", "OperationTimeout", true, e.Remedy),
        CloseErrorKind.Connection => ("Closeio.ConnectionFailed", "ConnectionError", true, e.Remedy),
        CloseErrorKind.InvalidResponse => ("Closeio.InvalidResponse", "InvalidData", true, e.Remedy),
        CloseErrorKind.Redirect => ("Closeio.Redirected", "ConnectionError", true, e.Remedy),
        _ => ("Closeio.ApiError", "NotSpecified", true, e.Remedy),
    };

    /// <summary>
    /// Removes <paramref name="secret"/> from <paramref name="text"/> in every form it travels in
    /// (as given, base64 as in a Basic header, URL-encoded), as a token, so prose is left alone.
    /// </summary>
    public static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(text) ? text : new SecretRedactor(secret).Redact(text)!;

    /// <summary>Whether <paramref name="text"/> holds <paramref name="secret"/> in any form <see cref="Redact"/> masks.</summary>
    public static bool Exposes(string? text, string? secret) =>
        !string.IsNullOrEmpty(secret) && new SecretRedactor(secret).Exposes(text);
}
