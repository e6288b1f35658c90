namespace Closeio.Core.Http;

/// <summary>One attempt of one request, as the extraction log shows it.</summary>
/// <param name="Method">HTTP method as intended (GET even when sent as a POST override).</param>
/// <param name="Path">Path and query relative to the base URI; never contains secrets.</param>
/// <param name="Status">HTTP status, or null when no answer arrived (timeout, dropped connection).</param>
/// <param name="Elapsed">Time the attempt took, on the connection's clock.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry, and so on.</param>
/// <param name="EndpointGroup">Method and path with ids replaced, e.g. <c>GET lead/{id}/</c>.</param>
/// <param name="Note">What happened beyond the status, e.g. <c>429, waiting 2.5 s</c>.</param>
public sealed record RequestLogEntry(string Method, string Path, int? Status, TimeSpan Elapsed,
    int Attempt, string EndpointGroup, string? Note)
{
    /// <summary>One line: method, path, status, time, and the note when there is one.</summary>
    public override string ToString()
    {
        var status = Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "---";
        var line = $"{Method} {Path} {status} {Elapsed.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} ms";
        if (Attempt > 1) line += $" (attempt {Attempt})";
        return Note is null ? line : $"{line}; {Note}";
    }
}
