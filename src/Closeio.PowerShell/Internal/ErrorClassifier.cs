namespace Closeio.PowerShell.Internal;

/// <summary>
/// Turns the module's exceptions into <see cref="ErrorClass"/>es, so every cmdlet reports the same
/// failure with the same error id and category.
/// </summary>
internal static class ErrorClassifier
{
    /// <summary>Classifies <paramref name="error"/>.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="redactor">The connection's redactor: the key in use is removed from the message should it ever appear there.</param>
    public static ErrorClass Classify(Exception error, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (id, category, terminating, remedy) = error switch
        {
            CloseApiException api => ForApi(api),
            ApiKeyMissingException => ("Closeio.ApiKeyMissing", ErrorCategory.AuthenticationError, true, (string?)null),
            SavedApiKeyException => ("Closeio.SavedApiKeyUnusable", ErrorCategory.SecurityError, true, null),
            ProfileLockedException => ("Closeio.ProfileLocked", ErrorCategory.ResourceBusy, true, "Wait for the other run to finish, then run this command again, or add -WaitForLock with the longest wait you accept (e.g. -WaitForLock 00:10:00)."),
            ProfileNotWritableException => ("Closeio.ProfileNotWritable", ErrorCategory.PermissionDenied, true, "Make the profile's folder writable for this user, or use a profile in a folder this user can write (-ProfilePath)."),
            OutputFileOwnedException { InUse: true } => ("Closeio.OutputFileInUse", ErrorCategory.ResourceBusy, true, "Give each profile its own -OutputDirectory, or run them one after the other."),
            OutputFileOwnedException o => ("Closeio.OutputFileOwnedByAnotherProfile", ErrorCategory.InvalidOperation, true, $"Give each profile its own -OutputDirectory; if the owning profile no longer writes there, delete '{o.OwnerNote}'."),
            ProfileCorruptException => ("Closeio.ProfileCorrupt", ErrorCategory.InvalidData, true, null),
            RecordFileColumnsException => ("Closeio.OutputFileColumnsDiffer", ErrorCategory.InvalidData, true, null),
            NotConnectedException => ("Closeio.NotConnected", ErrorCategory.ConnectionError, true, "Run Connect-Closeio first (or Connect-Closeio -Sandbox to try the module), or pass -Connection."),
            InvalidTapStateException => ("Closeio.InvalidTapState", ErrorCategory.InvalidData, true, "Give the state file tap-closeio (or a Singer runner) wrote: {\"bookmarks\": {\"leads\": {\"date_updated\": \"...\"}}}."),
            InvalidDataException => ("Closeio.InvalidRecord", ErrorCategory.InvalidData, false, null),
            InvalidBaseUriException => ("Closeio.InvalidBaseUri", ErrorCategory.InvalidArgument, true, null),
            ArgumentException => ("Closeio.InvalidArgument", ErrorCategory.InvalidArgument, true, null),
            OperationCanceledException => ("Closeio.Stopped", ErrorCategory.OperationStopped, true, null),
            UnauthorizedAccessException => ("Closeio.AccessDenied", ErrorCategory.PermissionDenied, true, null),
            IOException => ("Closeio.FileError", ErrorCategory.WriteError, true, null),
            _ => ("Closeio.UnexpectedError", ErrorCategory.NotSpecified, true, null),
        };
        var sentence = Sentence(error, remedy);
        return new ErrorClass(id, category, terminating, redactor?.Redact(sentence) ?? sentence, remedy is null ? null : redactor?.Redact(remedy) ?? remedy);
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

    private static (string, ErrorCategory, bool, string?) ForApi(CloseApiException e) => e.Kind switch
    {
        CloseErrorKind.Authentication => ("Closeio.AuthenticationFailed", ErrorCategory.AuthenticationError, true, e.Remedy),
        CloseErrorKind.PlanLimit => ("Closeio.PlanLimit", ErrorCategory.LimitsExceeded, true, e.Remedy),
        CloseErrorKind.Forbidden => ("Closeio.Forbidden", ErrorCategory.PermissionDenied, false, e.Remedy),
        CloseErrorKind.NotFound => ("Closeio.NotFound", ErrorCategory.ObjectNotFound, false, e.Remedy),
        CloseErrorKind.BadRequest => ("Closeio.BadRequest", ErrorCategory.InvalidArgument, false, e.Remedy),
        CloseErrorKind.RateLimited => ("Closeio.RateLimited", ErrorCategory.LimitsExceeded, true, e.Remedy),
        CloseErrorKind.ServerUnavailable => ("Closeio.ServerUnavailable", ErrorCategory.ResourceUnavailable, true, e.Remedy),
        CloseErrorKind.Timeout => ("Closeio.Timeout", ErrorCategory.OperationTimeout, true, e.Remedy),
        CloseErrorKind.Connection => ("Closeio.ConnectionFailed", ErrorCategory.ConnectionError, true, e.Remedy),
        CloseErrorKind.InvalidResponse => ("Closeio.InvalidResponse", ErrorCategory.InvalidData, true, e.Remedy),
        CloseErrorKind.Redirect => ("Closeio.Redirected", ErrorCategory.ConnectionError, true, e.Remedy),
        _ => ("Closeio.ApiError", ErrorCategory.NotSpecified, true, e.Remedy),
    };
}
