using System.Reflection;
using System.Text.RegularExpressions;

namespace Closeio.PowerShell.Tests;

/// <summary>What Import-Module ./out/Closeio finds: the manifest, the assemblies, the format and help files.</summary>
public class ModuleLayoutTests
{
    /// <summary>A manifest value that is a string or an @( ... ) list of strings.</summary>
    public static IReadOnlyList<string> ManifestList(string manifestText, string key)
    {
        var m = Regex.Match(manifestText, @"(?m)^\s*" + key + @"\s*=\s*(?:@\((?<list>[^)]*)\)|(?<one>'[^']*'|""[^""]*""))");
        Assert.True(m.Success, $"{key} is not in the manifest");
        var body = m.Groups["list"].Success ? m.Groups["list"].Value : m.Groups["one"].Value;
        body = Regex.Replace(body, "(?m)#.*$", "");
        return Regex.Matches(body, @"'(?<v>[^']*)'|""(?<v>[^""]*)""").Select(x => x.Groups["v"].Value).ToList();
    }

    private static string StagedManifest => File.ReadAllText(Path.Combine(ModuleFolder.StagedModule, "Closeio.psd1"));

    [Fact]
    public void Manifest_exports_exactly_the_compiled_cmdlets()
    {
        var exported = ManifestList(StagedManifest, "CmdletsToExport").Order(StringComparer.Ordinal).ToList();
        var compiled = ModuleFolder.Module.Cmdlets.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(compiled, exported);
    }

    [Fact]
    public void Manifest_root_module_and_formats_exist_in_the_module_folder()
    {
        Assert.Equal(["Closeio.PowerShell.dll"], ManifestList(StagedManifest, "RootModule"));
        var formats = ManifestList(StagedManifest, "FormatsToProcess");
        Assert.NotEmpty(formats);
        foreach (var file in formats)
            Assert.True(File.Exists(Path.Combine(ModuleFolder.StagedModule, file)), $"FormatsToProcess names {file}, which is not in out/Closeio/");
    }

    [Fact]
    public void Manifest_imports_the_loader_before_the_cmdlets_and_processes_the_types_file()
    {
        // NestedModules are imported before RootModule: the loader must be in place before PowerShell
        // reads the cmdlet assembly's types, which need Closeio.Core.
        Assert.Equal(["Closeio.Loader.dll"], ManifestList(StagedManifest, "NestedModules"));
        var types = ManifestList(StagedManifest, "TypesToProcess");
        Assert.Contains("Closeio.types.ps1xml", types);
        foreach (var file in types)
            Assert.True(File.Exists(Path.Combine(ModuleFolder.StagedModule, file)), $"TypesToProcess names {file}, which is not in out/Closeio/");
    }

    [Fact]
    public void Loader_depends_on_nothing_it_would_isolate()
    {
        // The loader sits in the default context: a reference to Core or Polly would load them there.
        using var stream = File.OpenRead(Path.Combine(ModuleFolder.StagedModule, "Closeio.Loader.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var names = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
        Assert.Contains("System.Management.Automation", names);
        Assert.DoesNotContain(names, n => n.StartsWith("Closeio.", StringComparison.Ordinal) || n.StartsWith("Polly", StringComparison.Ordinal));
    }

    [Fact]
    public void Staged_manifest_is_the_repository_manifest()
    {
        Assert.Equal(File.ReadAllText(ModuleFolder.Manifest), StagedManifest);
    }

    [Fact]
    public void Module_folder_holds_the_module_files()
    {
        string[] required =
        [
            "Closeio.psd1", "Closeio.PowerShell.dll", "Closeio.Loader.dll",
            Path.Combine("dependencies", "Closeio.Core.dll"), Path.Combine("dependencies", "Closeio.Sandbox.dll"),
            Path.Combine("dependencies", "Polly.Core.dll"),
            "Closeio.format.ps1xml", "Closeio.types.ps1xml",
            Path.Combine("en-US", ModuleFolder.HelpFile),
            Path.Combine("en-US", "about_Closeio.help.txt"),
            Path.Combine("en-US", "about_Closeio_Profiles.help.txt"),
        ];
        var missing = required.Where(f => !File.Exists(Path.Combine(ModuleFolder.StagedModule, f))).ToList();
        Assert.True(missing.Count == 0, "Missing from out/Closeio/: " + string.Join(", ", missing));
    }

    [Fact]
    public void Module_folder_ships_only_its_own_assemblies()
    {
        // PowerShell provides System.Management.Automation; a copy in the folder would shadow the host's.
        // Test and runner assemblies have no business in a published module.
        // The loader and the cmdlets at the top (the default load context); the rest only in
        // dependencies/, where the loader's private context finds them and no other module can.
        var shipped = new[]
        {
            "Closeio.Loader.dll", "Closeio.PowerShell.dll",
            Path.Combine("dependencies", "Closeio.Core.dll"), Path.Combine("dependencies", "Closeio.Sandbox.dll"),
            Path.Combine("dependencies", "Polly.Core.dll"),
        }.Order(StringComparer.Ordinal).ToList();
        var dlls = Directory.GetFiles(ModuleFolder.StagedModule, "*.dll", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ModuleFolder.StagedModule, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(shipped, dlls);
        var strays = Directory.GetFiles(ModuleFolder.StagedModule, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(n => Regex.IsMatch(n!, "(?i)xunit|testhost|TestPlatform|\\.Tests\\.|System\\.Management\\.Automation"))
            .ToList();
        Assert.True(strays.Count == 0, "Should not ship: " + string.Join(", ", strays));
    }

    [Fact]
    public void Cmdlet_assembly_does_not_reference_Polly()
    {
        var references = ModuleFolder.Module.Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("Closeio.Core", references); // the references really were read
        Assert.DoesNotContain(references, n => n!.StartsWith("Polly", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Cmdlet_assembly_exposes_no_System_Text_Json_types()
    {
        var bad = new List<string>();
        foreach (var type in ModuleFolder.Module.Assembly.GetExportedTypes())
        {
            void Check(Type? t, string where)
            {
                if (t is null) return;
                if (t.HasElementType) { Check(t.GetElementType(), where); return; }
                if (t.IsGenericType)
                    foreach (var arg in t.GetGenericArguments()) Check(arg, where);
                if (t.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true)
                    bad.Add($"{where}: {t.FullName}");
            }
            Check(type.BaseType, type.FullName!);
            foreach (var i in type.GetInterfaces()) Check(i, type.FullName!);
            const BindingFlags visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(visible))
            {
                var where = type.FullName + "." + member.Name;
                switch (member)
                {
                    case PropertyInfo p when (p.GetMethod ?? p.SetMethod) is { } acc && (acc.IsPublic || acc.IsFamily || acc.IsFamilyOrAssembly):
                        Check(p.PropertyType, where);
                        break;
                    case FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly:
                        Check(f.FieldType, where);
                        break;
                    case MethodBase m when m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly:
                        if (m is MethodInfo mi) Check(mi.ReturnType, where);
                        foreach (var parameter in m.GetParameters()) Check(parameter.ParameterType, where);
                        break;
                }
            }
        }
        Assert.True(bad.Count == 0, "System.Text.Json in public signatures:\n" + string.Join("\n", bad));
    }

    [Fact]
    public void Shipped_assemblies_load_on_the_runtime_of_PowerShell_7_4()
    {
        // PowerShell 7.4 runs on .NET 8: an assembly built against a newer framework (or referencing a
        // newer System.Text.Json than the host's 8.0) fails to load there with FileNotFoundException.
        var bad = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(ModuleFolder.StagedModule, "*.dll", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(file);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            foreach (var handle in md.AssemblyReferences)
            {
                var reference = md.GetAssemblyReference(handle);
                var name = md.GetString(reference.Name);
                seen.Add(name);
                var framework = name is "netstandard" or "mscorlib" ||
                                name.StartsWith("System.", StringComparison.Ordinal) || name == "System" ||
                                name.StartsWith("Microsoft.", StringComparison.Ordinal);
                if (framework && name != "System.Management.Automation" && reference.Version.Major > 8)
                    bad.Add($"{Path.GetFileName(file)} -> {name} {reference.Version}");
            }
        }
        Assert.Contains("System.Runtime", seen); // the references really were read
        Assert.True(bad.Count == 0, "Needs a newer runtime than PowerShell 7.4's .NET 8:\n" + string.Join("\n", bad));
    }
}
