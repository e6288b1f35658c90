using System.Globalization;

namespace Closeio.PowerShell.Internal;

/// <summary>
/// The progress of a sync: one overall bar whose percentage is the share of streams done, and under
/// it one bar per stream with its records, their rate per second and what it is reading. (A stream's
/// own total is unknown until it ends: Close says how many records changed only by listing them.)
/// </summary>
internal sealed class SyncProgress
{
    private const int OverallActivityId = 0x0C0F;
    private const int FirstActivityId = 0x0C10;
    private readonly List<string> _streams;
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private bool _overallShown;

    public SyncProgress(IEnumerable<string> streams, TimeProvider? clock = null)
    {
        _streams = streams.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The bars to show for <paramref name="e"/>: the stream's, then the overall one.</summary>
    public IEnumerable<ProgressRecord> Update(ProgressEvent e)
    {
        var now = _clock.GetUtcNow();
        _shown.Add(e.Stream);
        if (!_started.TryGetValue(e.Stream, out var started)) _started[e.Stream] = started = now;
        var isEnd = e.Status is SyncOutcome.Completed or SyncOutcome.Failed or SyncOutcome.Interrupted;
        if (isEnd) _done.Add(e.Stream);
        var seconds = (now - started).TotalSeconds;
        var rate = seconds >= 1 ? string.Create(CultureInfo.InvariantCulture, $", {e.Records / seconds:0.#}/s") : "";
        yield return new ProgressRecord(IdOf(e.Stream), $"Syncing {e.Stream}", $"{e.Records} records{rate}; {e.Status}")
        {
            ParentActivityId = OverallActivityId,
        };

        _overallShown = true;
        var total = Math.Max(_streams.Count, _done.Count);
        yield return new ProgressRecord(OverallActivityId, "Sync-CloseioStream", $"{_done.Count} of {total} streams done")
        {
            PercentComplete = total == 0 ? 100 : Math.Min(100, _done.Count * 100 / total),
        };
    }

    /// <summary>The records that close every bar shown.</summary>
    public IEnumerable<ProgressRecord> Completed()
    {
        foreach (var stream in _shown.ToArray())
        {
            yield return new ProgressRecord(IdOf(stream), $"Syncing {stream}", "done")
            {
                ParentActivityId = OverallActivityId,
                RecordType = ProgressRecordType.Completed,
            };
        }

        _shown.Clear();
        if (!_overallShown) yield break;
        _overallShown = false;
        yield return new ProgressRecord(OverallActivityId, "Sync-CloseioStream", "done") { RecordType = ProgressRecordType.Completed };
    }

    private int IdOf(string stream)
    {
        var i = _streams.IndexOf(stream);
        if (i < 0)
        {
            _streams.Add(stream);
            i = _streams.Count - 1;
        }

        return FirstActivityId + i;
    }
}
