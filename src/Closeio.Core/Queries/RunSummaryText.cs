using System.Globalization;
using Closeio.Core.State;

namespace Closeio.Core.Queries;

/// <summary>The one-line text of a stream's run summary, as the information stream shows it.</summary>
public static class RunSummaryText
{
    /// <summary>E.g. <c>leads: Completed, 50 records, 3 requests (0 retries, 0 rate-limited) in 0.4 s</c>.</summary>
    public static string Describe(StreamRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var seconds = Math.Max(0, (summary.Ended - summary.Started).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{summary.Stream}: {summary.Outcome}, {summary.Records} records, {summary.Requests} requests ({summary.Retries} retries, {summary.RateLimited} rate-limited) in {seconds} s");
        return string.IsNullOrWhiteSpace(summary.Error) ? line : $"{line}: {summary.Error}";
    }
}
