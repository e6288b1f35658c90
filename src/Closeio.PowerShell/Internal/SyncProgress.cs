using System.Management.Automation;
using Closeio.Core.Sync;

namespace Closeio.PowerShell.Internal;

/// <summary>One progress bar per stream of a sync.</summary>
internal sealed class SyncProgress
{
    private const int FirstActivityId = 0x0C10;
    private readonly List<string> _streams;
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);

    public SyncProgress(IEnumerable<string> streams) =>
        _streams = streams.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();

    public ProgressRecord Update(ProgressEvent e)
    {
        _shown.Add(e.Stream);
        return new ProgressRecord(IdOf(e.Stream), $"Syncing {e.Stream}", $"{e.Records} records; {e.Status}");
    }

    /// <summary>The records that close every bar shown.</summary>
    public IEnumerable<ProgressRecord> Completed()
    {
        foreach (var stream in _shown.ToArray())
        {
            yield return new ProgressRecord(IdOf(stream), $"Syncing {stream}", "done") { RecordType = ProgressRecordType.Completed };
        }

        _shown.Clear();
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
