namespace Closeio.Sandbox;

/// <summary>How many answers one endpoint group gave with one status (0 = the connection was dropped).</summary>
public sealed record SandboxCount(string Group, int Status, long Requests);

/// <summary>Requests the emulator answered, by endpoint group and status. Thread-safe.</summary>
public sealed class SandboxCounters
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Group, int Status), long> _counts = [];

    /// <summary>Answers counted so far, optionally only of one group and/or one status.</summary>
    public long Count(string? group = null, int? status = null)
    {
        lock (_gate)
        {
            return _counts.Where(p => (group is null || p.Key.Group == group) && (status is null || p.Key.Status == status))
                .Sum(p => p.Value);
        }
    }

    /// <summary>Every answer counted so far, ordered by group then status.</summary>
    public IReadOnlyList<SandboxCount> Snapshot(bool reset = false)
    {
        lock (_gate)
        {
            var list = _counts.Select(p => new SandboxCount(p.Key.Group, p.Key.Status, p.Value))
                .OrderBy(c => c.Group, StringComparer.Ordinal).ThenBy(c => c.Status).ToList();
            if (reset) _counts.Clear();
            return list;
        }
    }

    /// <summary>Starts counting from zero.</summary>
    public void Reset()
    {
        lock (_gate) _counts.Clear();
    }

    internal void Record(string group, int status)
    {
        lock (_gate) _counts[(group, status)] = _counts.GetValueOrDefault((group, status)) + 1;
    }
}
