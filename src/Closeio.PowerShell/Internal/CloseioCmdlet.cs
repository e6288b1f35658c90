using System.Management.Automation.Host;
using System.Reflection;

namespace Closeio.PowerShell.Internal;

/// <summary>
/// What every Closeio cmdlet shares: the session's connection, a cancellation that StopProcessing
/// fires, the request log shown with Write-Verbose, and one way to report failures.
/// </summary>
public abstract class CloseioCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _logListener;
    private Connection? _listenedConnection;
    private bool _inquireChecked;

    /// <summary>Fires when the user presses Ctrl+C or a downstream command needs no more input.</summary>
    internal CancellationToken StopToken => _stop.Token;

    internal static RunspaceState Session => RunspaceState.Current;

    /// <summary>The connection given, else the session's; reports NotConnected (terminating) when there is none.</summary>
    internal Connection RequireConnection(Connection? given)
    {
        var connection = given ?? Session.Connection;
        if (connection is null || !connection.IsConnected) ThrowFailure(new NotConnectedException(), null);
        return connection!;
    }

    /// <summary>The profile this command uses (see <see cref="ProfileSelector"/>).</summary>
    internal ProfileStore SelectProfile(string? name, string? path, Connection? given)
    {
        var connection = given ?? Session.Connection;
        var resolvedPath = string.IsNullOrWhiteSpace(path) ? null : GetUnresolvedProviderPathFromPSPath(path);
        try
        {
            return ProfileSelector.Select(name, resolvedPath, connection?.ProfilePath, connection?.IsSandbox ?? false);
        }
        catch (ArgumentException e)
        {
            ThrowFailure(e, name ?? path);
            throw; // not reached
        }
    }

    /// <summary>Starts showing the connection's requests as verbose lines.</summary>
    internal void ListenToRequests(Connection connection)
    {
        if (_logListener is not null) return;
        _listenedConnection = connection;
        _logListener = connection.Log.Listen();
    }

    /// <summary>Writes the requests logged since the last call: one verbose line each, detail to debug.</summary>
    internal void FlushRequestLog()
    {
        if (_listenedConnection is null) return;
        foreach (var entry in _listenedConnection.Log.Drain()) WriteRequest(entry, _listenedConnection);
    }

    /// <summary>
    /// The one way every cmdlet shows a request: a verbose line (method, path, status, time) and the
    /// HTTP detail as a debug line, the Authorization header redacted.
    /// </summary>
    internal void WriteRequest(RequestLogEntry entry, Connection connection) =>
        WriteRequest(entry, connection.BaseUri, connection.Redactor);

    /// <summary>Write-Verbose that never stops to ask (see <see cref="NeverInquire"/>).</summary>
    internal void Verbose(string text)
    {
        NeverInquire();
        WriteVerbose(text);
    }

    /// <summary>
    /// -Debug on a compiled cmdlet makes PowerShell (7.6 included) ask "Continue with this operation?"
    /// after every debug and verbose line, and fail where it cannot ask (-NonInteractive, redirected
    /// input). Here -Debug means "show the HTTP detail": its lines are written and the command goes on,
    /// in every host. A $DebugPreference of Inquire that the user set is left alone.
    /// </summary>
    internal void NeverInquire()
    {
        if (_inquireChecked) return;
        _inquireChecked = true;
        var bound = MyInvocation.BoundParameters;
        if (!bound.TryGetValue("Debug", out var debug) || !LanguagePrimitives.IsTrue(debug)) return;
        var runtime = CommandRuntime;
        try
        {
            // The command runtime keeps these as internal members: there is no public way to say
            // "-Debug without Inquire" for a compiled cmdlet.
            const BindingFlags member = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
            var type = runtime.GetType();
            if (type.GetProperty("DebugPreference", member) is { CanWrite: true } preference &&
                preference.PropertyType == typeof(ActionPreference) &&
                (ActionPreference)preference.GetValue(runtime)! == ActionPreference.Inquire)
                preference.SetValue(runtime, ActionPreference.Continue);
            // -Debug makes warnings ask too (a sync's 30-day event-log warning failed a -NonInteractive
            // run): they are written and the command goes on, unless the user asked with -WarningAction.
            if (!bound.ContainsKey("WarningAction") && type.GetProperty("WarningPreference", member) is { CanWrite: true } warning &&
                warning.PropertyType == typeof(ActionPreference) &&
                (ActionPreference)warning.GetValue(runtime)! == ActionPreference.Inquire)
                warning.SetValue(runtime, ActionPreference.Continue);
            // -Debug also turns verbose lines on, as Inquire: make it the -Verbose the user did not give.
            if (!bound.ContainsKey("Verbose") && type.GetProperty("Verbose", member) is { CanWrite: true } verbose &&
                verbose.PropertyType == typeof(bool))
                verbose.SetValue(runtime, true);
        }
        catch (Exception e) when (e is TargetInvocationException or MemberAccessException or ArgumentException)
        {
            // A PowerShell without these members: its own -Debug behaviour applies.
        }
    }

    /// <summary>
    /// Waits for a background request on the pipeline thread, writing each attempt, retry and wait
    /// as a verbose line as it happens rather than all at the end.
    /// </summary>
    internal T WaitShowingRequests<T>(Task<T> work, RequestLogRelay log, Uri baseUri, SecretRedactor redactor)
    {
        log.WaitShowing(work, entry => WriteRequest(entry, baseUri, redactor));
        return work.GetAwaiter().GetResult();
    }

    private void WriteRequest(RequestLogEntry entry, Uri baseUri, SecretRedactor redactor)
    {
        Verbose(redactor.Redact(entry.ToString())!);
        NeverInquire();
        WriteDebug(redactor.Redact(DebugLine(entry, baseUri))!);
    }

    private static string DebugLine(RequestLogEntry entry, Uri baseUri) =>
        $"{entry.Method} {baseUri}{entry.Path} -> {entry.Status?.ToString() ?? "no answer"}; " +
        $"group {entry.EndpointGroup}; attempt {entry.Attempt}; {entry.Elapsed.TotalMilliseconds:0} ms; " +
        $"Authorization: Basic {SecretRedactor.Mask}" + (entry.Note is null ? "" : $"; {entry.Note}");

    /// <summary>Builds the ErrorRecord for a failure: stable id, real category, no secret.</summary>
    internal static ErrorRecord ToErrorRecord(Exception error, object? target, SecretRedactor? redactor)
    {
        var c = ErrorClassifier.Classify(error, redactor);
        // Keep the original exception (scripts may catch its type) unless the key is anywhere in it:
        // its message, or an inner exception that $_.Exception.ToString() or Format-List -Force would show.
        var exposed = redactor?.Exposes(error.ToString()) == true;
        var exception = !exposed ? error : new InvalidOperationException(c.Message);
        var record = new ErrorRecord(exception, c.ErrorId, c.Category, target);
        // What the error shows: the message without the remedy, which is the recommended action.
        if (c.RecommendedAction is not null || c.Message != error.Message)
            record.ErrorDetails = new ErrorDetails(c.Message) { RecommendedAction = c.RecommendedAction };
        return record;
    }

    /// <summary>Reports a failure: terminating when nothing further can be done, otherwise as a non-terminating error.</summary>
    internal void ReportFailure(Exception error, object? target, SecretRedactor? redactor = null)
    {
        if (error is OperationCanceledException && _stop.IsCancellationRequested) throw new PipelineStoppedException();
        var c = ErrorClassifier.Classify(error, redactor);
        var record = ToErrorRecord(error, target, redactor);
        if (c.Terminating) ThrowTerminatingError(record);
        else WriteError(record);
    }

    /// <summary>Reports a failure as terminating, whatever its kind.</summary>
    internal void ThrowFailure(Exception error, object? target, SecretRedactor? redactor = null)
    {
        if (error is OperationCanceledException && _stop.IsCancellationRequested) throw new PipelineStoppedException();
        ThrowTerminatingError(ToErrorRecord(error, target, redactor));
    }

    /// <summary>
    /// ShouldProcess, except that -Force skips the confirmation prompt (unless -Confirm was asked for
    /// explicitly); -WhatIf still only tells what would happen.
    /// </summary>
    internal bool Approve(string target, string action, bool force)
    {
        if (!force || MyInvocation.BoundParameters.ContainsKey("Confirm")) return Ask(target, action);
        if (IsWhatIf())
        {
            Ask(target, action); // writes the "What if:" line
            return false;
        }

        return true;
    }

    /// <summary>
    /// ShouldProcess, except that a host that cannot ask (pwsh -NonInteractive, a hosted runspace
    /// without a UI) ends the command with a clear error instead of the host's own failure.
    /// </summary>
    internal bool Ask(string target, string action)
    {
        NeverInquire();
        try
        {
            return ShouldProcess(target, action);
        }
        catch (Exception e) when (e is HostException or PSInvalidOperationException)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException(
                    $"{MyInvocation.MyCommand.Name} needs a confirmation to {char.ToLowerInvariant(action[0])}{action[1..]}, and this session cannot ask " +
                    "(it is not interactive). Add -Force or -Confirm:$false to go ahead, or -WhatIf to see what would change.", e),
                "Closeio.ConfirmationRequired", ErrorCategory.InvalidOperation, target));
            return false; // not reached
        }
    }

    private bool IsWhatIf()
    {
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound))
            return bound is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(bound);
        return LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));
    }

    /// <summary>
    /// True for failures of the module's own making, as opposed to PowerShell's control flow, which
    /// must pass through untouched: a stopped pipeline, -ErrorAction Stop, and Select-Object -First's
    /// request to stop upstream commands (a FlowControlException, not a RuntimeException).
    /// </summary>
    internal static bool IsOwnFailure(Exception e) =>
        e is not (RuntimeException or FlowControlException) &&
        e.GetType().Assembly != typeof(PSObject).Assembly;

    /// <inheritdoc />
    protected override void StopProcessing()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>The object wrapped for output with <paramref name="typeName"/> first, for its format view.</summary>
    internal static PSObject WithTypeName(object value, string typeName)
    {
        var o = PSObject.AsPSObject(value);
        o.TypeNames.Insert(0, typeName);
        return o;
    }

    /// <summary>
    /// The names given, with any one text holding a comma list split up: <c>-Stream leads,tasks</c> is
    /// already an array, but <c>-Stream 'leads,tasks'</c> (a setting read from a file, an argument of
    /// <c>pwsh -File</c>) is one string. Blanks are dropped; null stays null.
    /// </summary>
    internal static string[]? SplitList(string[]? values) =>
        values?.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    /// <summary>
    /// A UTC instant from a PowerShell date: local and unspecified dates ('2024-05-01', Get-Date) are
    /// read as local time. DateTime.ToUniversalTime clamps at the ends of the range, so
    /// [datetime]::MinValue east of UTC means "from the beginning" instead of an overflow.
    /// </summary>
    internal static DateTimeOffset? ToInstant(DateTime? value) =>
        value is { } v ? new DateTimeOffset(v.ToUniversalTime(), TimeSpan.Zero) : null;

    /// <summary>Releases the request log and the cancellation source.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the command holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        _logListener?.Dispose();
        _logListener = null;
        _stop.Dispose();
    }
}
