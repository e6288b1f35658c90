using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Closeio.PowerShell.Internal;

/// <summary>
/// What the module remembers for one runspace: the current connection and the Sandboxes it started.
/// Keyed by the runspace, so several runspaces in one process (jobs, ForEach-Object -Parallel,
/// hosted PowerShell) never see each other's connection.
/// </summary>
internal sealed class RunspaceState
{
    private static readonly ConditionalWeakTable<Runspace, RunspaceState> Sessions = new();

    /// <summary>The session of the runspace running on this thread.</summary>
    public static RunspaceState Current
    {
        get
        {
            var runspace = Runspace.DefaultRunspace
                ?? throw new InvalidOperationException("The Closeio cmdlets must run in a PowerShell runspace.");
            return Sessions.GetValue(runspace, _ => new RunspaceState());
        }
    }

    private readonly object _gate = new();
    private readonly List<SandboxInfo> _sandboxes = [];
    private Connection? _connection;

    /// <summary>The connection commands use when none is passed.</summary>
    public Connection? Connection
    {
        get { lock (_gate) return _connection; }
        set { lock (_gate) _connection = value; }
    }

    public void AddSandbox(SandboxInfo sandbox)
    {
        lock (_gate) _sandboxes.Add(sandbox);
    }

    /// <summary>Removes and returns the Sandboxes to stop: the one given, or all.</summary>
    public IReadOnlyList<SandboxInfo> TakeSandboxes(SandboxInfo? only)
    {
        lock (_gate)
        {
            var taken = only is null ? _sandboxes.ToList() : _sandboxes.Where(s => ReferenceEquals(s, only)).ToList();
            foreach (var s in taken) _sandboxes.Remove(s);
            if (only is not null && taken.Count == 0) taken.Add(only);
            return taken;
        }
    }
}
