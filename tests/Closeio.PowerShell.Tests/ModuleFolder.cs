using System.Reflection;
using System.Runtime.InteropServices;

namespace Closeio.PowerShell.Tests;

/// <summary>
/// Where things are: the repository root (found from the test's own folder, so tests work from any
/// artifacts path), the staged module folder out/Closeio/, and the compiled cmdlet assembly read
/// through a MetadataLoadContext (never loaded for execution: this process has no PowerShell).
/// </summary>
public static class ModuleFolder
{
    public const string AssemblyFile = "Closeio.PowerShell.dll";
    public const string HelpFile = AssemblyFile + "-Help.xml";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<LoadedModule> Loaded = new(Load);

    public static string RepositoryRoot => Root.Value;
    public static string StagedModule => Path.Combine(RepositoryRoot, "out", "Closeio");
    public static string DocsFolder => Path.Combine(RepositoryRoot, "docs");
    public static string HelpSourceFolder => Path.Combine(RepositoryRoot, "src", "Closeio.PowerShell", "en-US");
    public static string FormatSource => Path.Combine(RepositoryRoot, "src", "Closeio.PowerShell", "Closeio.format.ps1xml");
    public static string Manifest => Path.Combine(RepositoryRoot, "Closeio.psd1");

    /// <summary>The staged Closeio.PowerShell.dll, its cmdlets and System.Management.Automation's verb lists.</summary>
    public static LoadedModule Module => Loaded.Value;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloseioPS.sln")))
                return dir.FullName;
        }
        // Built with --artifacts-path outside the checkout: the build recorded where the sources are.
        var recorded = typeof(ModuleFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "CloseioPS.sln")))
            return recorded;
        throw new InvalidOperationException($"No CloseioPS.sln above {AppContext.BaseDirectory}, nor at {recorded}.");
    }

    /// <summary>The System.Management.Automation the module compiles against (PowerShellStandard.Library).</summary>
    public static string PowerShellStandardAssembly()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0",
            "System.Management.Automation.dll");
        if (!File.Exists(path))
            throw new FileNotFoundException("PowerShellStandard.Library 5.1.0-preview-06 is not restored; run dotnet restore.", path);
        return path;
    }

    private static LoadedModule Load()
    {
        var moduleDll = Path.Combine(StagedModule, AssemblyFile);
        if (!File.Exists(moduleDll))
            throw new FileNotFoundException("The module is not staged; build src/Closeio.PowerShell first.", moduleDll);

        // One file per simple name: the module folder wins, then PowerShell Standard, then the runtime.
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(StagedModule, "*.dll", SearchOption.AllDirectories))
            byName.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        var sma = PowerShellStandardAssembly();
        byName.TryAdd(Path.GetFileNameWithoutExtension(sma), sma);
        foreach (var file in Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            byName.TryAdd(Path.GetFileNameWithoutExtension(file), file);

        var context = new MetadataLoadContext(new PathAssemblyResolver(byName.Values));
        var assembly = context.LoadFromAssemblyPath(moduleDll);
        var automation = context.LoadFromAssemblyPath(sma);
        return new LoadedModule(context, assembly, automation);
    }
}

public sealed class LoadedModule
{
    internal LoadedModule(MetadataLoadContext context, Assembly assembly, Assembly automation)
    {
        Context = context;
        Assembly = assembly;
        Automation = automation;
        Cmdlets = CmdletInfo.ReadAll(assembly);
    }

    public MetadataLoadContext Context { get; }
    public Assembly Assembly { get; }
    public Assembly Automation { get; }
    public IReadOnlyList<CmdletInfo> Cmdlets { get; }

    /// <summary>The approved verbs: the values of the constants on VerbsCommon, VerbsData, ... .</summary>
    public IReadOnlySet<string> ApprovedVerbs()
    {
        string[] classes = ["VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic",
            "VerbsLifecycle", "VerbsOther", "VerbsSecurity"];
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in classes)
        {
            var type = Automation.GetType("System.Management.Automation." + name, throwOnError: true)!;
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                if (field.IsLiteral && field.GetRawConstantValue() is string verb)
                    verbs.Add(verb);
        }
        return verbs;
    }
}
