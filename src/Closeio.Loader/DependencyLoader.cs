using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace Closeio.Loader;

/// <summary>
/// Loads the module's own assemblies (Closeio.Core, Closeio.Sandbox) and their dependencies (Polly.Core)
/// from the module's <c>dependencies/</c> folder into one private <see cref="AssemblyLoadContext"/>,
/// so another module's copy of the same library (every Polly.Core 8.x says AssemblyVersion 8.0.0.0)
/// can neither break this module nor be broken by it.
/// </summary>
/// <remarks>
/// Imported as a NestedModule, before the cmdlet assembly: PowerShell reads the cmdlets' parameter
/// and output types (Core types) while it imports that assembly, before any initializer of its own
/// could run. The cmdlet assembly stays in the default context (PowerShell needs it there) and asks
/// the default context for Closeio.Core; <see cref="AssemblyLoadContext.Resolving"/> hands it the
/// private copy. Only the module's own assembly names are answered, so no other module is handed
/// this module's Polly. Process-wide by nature: an assembly is loaded once per process.
/// </remarks>
public sealed class DependencyLoader : IModuleAssemblyInitializer
{
    /// <summary>The folder, next to this assembly, that holds the isolated assemblies.</summary>
    public const string FolderName = "dependencies";

    private static readonly string Folder =
        Path.Combine(Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location)!, FolderName);

    private static readonly Lazy<AssemblyLoadContext> Context = new(() => new ModuleLoadContext(Folder));
    private static int s_registered;

    /// <summary>Registers the resolver once per process.</summary>
    public void OnImport()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
            AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext requester, AssemblyName name)
    {
        if (name.Name is not { } simple || !simple.StartsWith("Closeio.", StringComparison.Ordinal) ||
            !File.Exists(Path.Combine(Folder, simple + ".dll")))
            return null;
        return Context.Value.LoadFromAssemblyName(name);
    }

    /// <summary>Everything in the dependencies folder loads here; the rest (the runtime) falls back to the default context.</summary>
    private sealed class ModuleLoadContext(string folder) : AssemblyLoadContext("Closeio", isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
