using System.Text.RegularExpressions;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// Each stream has one home: the folder of its definition under src/Closeio.Core/Streams. No other
/// file of the module names it, so a stream is added, changed or removed in one place (the catalog
/// lists it; tests may name it).
/// </summary>
public class StreamHomeTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloseioPS.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("CloseioPS.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The module's source files (the Sandbox is the emulated server, not the module).</summary>
    private static IEnumerable<string> ModuleSources() =>
        new[] { "Closeio.Core", "Closeio.PowerShell", "Closeio.Loader" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, "src", p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    /// <summary>The file's code without comments, and without field declarations (<c>F("tasks", ...)</c> is a lead's field, not the stream).</summary>
    private static string Code(string file)
    {
        var lines = File.ReadAllLines(file).Select(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal) ? "" : l);
        return Regex.Replace(string.Join('\n', lines), @"\bF\(""[a-z_]+"",", "F(");
    }

    private static string HomeOf(StreamDefinition stream)
    {
        var declaring = ModuleSources().Where(f => Code(f).Contains($"Name = \"{stream.Name}\"", StringComparison.Ordinal)).ToList();
        Assert.True(declaring.Count == 1, $"{stream.Name}: expected one definition file, found {declaring.Count}: {string.Join(", ", declaring)}");
        return Path.GetDirectoryName(declaring[0])!;
    }

    [Fact]
    public void Every_stream_is_defined_once_in_a_folder_of_its_own_or_of_its_family()
    {
        // One file declares each stream (HomeOf checks), in a folder under Streams/; a family of streams
        // defined together (the per-type activity streams) shares one.
        var homes = StreamCatalog.All.Select(HomeOf).ToList();
        Assert.All(homes, h => Assert.Equal(Path.Combine(Root, "src", "Closeio.Core", "Streams"), Path.GetDirectoryName(h)));
        Assert.True(homes.Distinct().Count() >= StreamCatalog.All.Count / 2, "most streams have a folder of their own");
    }

    [Fact]
    public void No_file_outside_a_streams_home_and_the_catalog_names_the_stream()
    {
        var catalog = Path.Combine(Root, "src", "Closeio.Core", "Streams", "StreamCatalog.cs");
        var sources = ModuleSources().Select(f => (File: f, Code: Code(f))).ToList();
        var offenders = new List<string>();
        foreach (var stream in StreamCatalog.All)
        {
            var home = HomeOf(stream) + Path.DirectorySeparatorChar;
            var literal = $"\"{stream.Name}\"";
            offenders.AddRange(sources
                .Where(s => s.File != catalog && !s.File.StartsWith(home, StringComparison.Ordinal) && s.Code.Contains(literal, StringComparison.Ordinal))
                .Select(s => $"{Path.GetRelativePath(Root, s.File)} names {literal}"));
        }

        Assert.True(offenders.Count == 0, "Stream names outside their homes:\n" + string.Join('\n', offenders));
    }
}
