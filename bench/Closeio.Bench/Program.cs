using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Closeio.Bench;

// dotnet run -c Release --project bench/Closeio.Bench -- <scenario> [--name value ...]
var scenarios = new Dictionary<string, Func<Options, int>>(StringComparer.OrdinalIgnoreCase)
{
    ["generate-and-page"] = GenerateAndPage.Run,
    ["sync-full"] = SyncScenarios.Full,
    ["sync-incremental"] = SyncScenarios.Incremental,
    ["rate-limited"] = SyncScenarios.RateLimited,
    ["max-skip"] = SyncScenarios.MaxSkip,
    ["shell"] = ShellScenario.Run,
};

Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.Scenario == "all")
{
    // Each scenario in its own process, so peak working sets do not carry over.
    var code = 0;
    foreach (var name in scenarios.Keys) code |= RunChild(name, args.Skip(1));
    return code;
}

if (!scenarios.TryGetValue(options.Scenario, out var scenario))
{
    Console.Error.WriteLine("usage: Closeio.Bench <scenario> [--leads N] [--activities N] [--seed N] [--concurrency N] [--no-json | --out FILE]");
    Console.Error.WriteLine("scenarios: " + string.Join(", ", scenarios.Keys) + ", all   (see bench/README.md)");
    return 2;
}

#if DEBUG
Console.WriteLine("warning: Debug build; figures are only meaningful with -c Release");
#endif
Console.WriteLine($"{options.Scenario} | {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC | {RuntimeInformation.FrameworkDescription} | " +
                  $"{Environment.ProcessorCount} cores | {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:N1} GiB | " +
                  $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC");
var watch = Stopwatch.StartNew();
var result = scenario(options);
Console.WriteLine($"{options.Scenario} finished in {watch.Elapsed.TotalSeconds:N1} s, exit code {result}; process peak working set {Memory.Mib(Memory.PeakWorkingSet())}");
return result;

static int RunChild(string scenario, IEnumerable<string> rest)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    // Under `dotnet Closeio.Bench.dll` the process is dotnet itself: pass the assembly first.
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(Options).Assembly.Location);
    start.ArgumentList.Add(scenario);
    foreach (var a in rest) start.ArgumentList.Add(a);
    using var child = Process.Start(start)!;
    child.WaitForExit();
    Console.WriteLine();
    return child.ExitCode;
}
