using System.Diagnostics;

namespace Closeio.Bench;

/// <summary>Process memory figures: peak working set (VmHWM on Linux) and the GC heap after a full collection.</summary>
internal static class Memory
{
    /// <summary>
    /// Resets the kernel's peak-RSS mark (Linux: write 5 to /proc/self/clear_refs) so the next
    /// <see cref="PeakWorkingSet"/> covers only what follows. False where that is not possible;
    /// the peak is then the process's since it started.
    /// </summary>
    public static bool TryResetPeak()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return false;
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long PeakWorkingSet()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64;
    }

    public static long WorkingSet()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }

    /// <summary>Bytes on the managed heap after a blocking, compacting full collection.</summary>
    public static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>CPU time this process used so far (all threads, user + system).</summary>
    public static TimeSpan Cpu()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.TotalProcessorTime;
    }

    public static string Mib(long bytes) => (bytes / 1048576.0).ToString("N1", System.Globalization.CultureInfo.InvariantCulture) + " MiB";
}
