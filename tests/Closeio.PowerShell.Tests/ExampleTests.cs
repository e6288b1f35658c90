using Closeio.PowerShell.Tests.HelpGen;

namespace Closeio.PowerShell.Tests;

/// <summary>Every example in the help runs the module's cmdlets with parameters and values they accept.</summary>
public class ExampleTests
{
    [Fact]
    public void The_scanner_reads_names_values_and_skips_nested_expressions()
    {
        var calls = ExampleCommands.Find(
            "# Get-CloseioNothing -Bad\n" +
            "$x = Get-CloseioTask -Type missed_call, voicemail -First 5 | Where-Object { $_ -ne 'Get-CloseioX' }\n" +
            "Set-CloseioState -Stream leads `\n  -Bookmark (Get-Date).AddDays(-1) -Confirm:$false\n" +
            "Get-CloseioEvent -Since $(Get-CloseioLead -First 1).date_updated");
        Assert.Equal(["Get-CloseioTask", "Set-CloseioState", "Get-CloseioEvent", "Get-CloseioLead"], calls.Select(c => c.Cmdlet));
        Assert.Equal(["Type", "First"], calls[0].Arguments.Select(a => a.Name));
        Assert.Equal(["missed_call", "voicemail"], calls[0].Arguments[0].Values);
        Assert.Equal(["Stream", "Bookmark", "Confirm"], calls[1].Arguments.Select(a => a.Name));
        Assert.Equal(["$false"], calls[1].Arguments[2].Values);
        Assert.Equal(["Since"], calls[2].Arguments.Select(a => a.Name));
        Assert.Equal(["First"], calls[3].Arguments.Select(a => a.Name));
    }

    /// <summary>All example code: the pages' examples and the about topics' code blocks.</summary>
    private static IEnumerable<(string Where, string Code)> ExampleCode()
    {
        foreach (var path in Directory.GetFiles(ModuleFolder.DocsFolder, "*-Closeio*.md"))
        {
            var page = HelpPage.Read(path);
            foreach (var example in page.Examples)
                yield return ($"{page.Name} '{example.Title}'", example.Code);
        }
        foreach (var path in Directory.GetFiles(ModuleFolder.DocsFolder, "about_*.md"))
        {
            var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
            var inFence = false;
            var block = new List<string>();
            foreach (var line in lines)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    if (inFence && line.Trim() == "```") { yield return (Path.GetFileName(path), string.Join('\n', block)); block.Clear(); }
                    inFence = !inFence;
                    continue;
                }
                if (inFence) block.Add(line);
            }
        }
    }

    [Fact]
    public void Examples_use_only_cmdlets_parameters_and_values_the_module_has()
    {
        var cmdlets = ModuleFolder.Module.Cmdlets.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var calls = 0;
        foreach (var (where, code) in ExampleCode())
        {
            foreach (var call in ExampleCommands.Find(code))
            {
                calls++;
                if (!cmdlets.TryGetValue(call.Cmdlet, out var cmdlet))
                {
                    problems.Add($"{where}: {call.Cmdlet} is not a cmdlet of the module");
                    continue;
                }
                foreach (var argument in call.Arguments)
                {
                    var parameter = cmdlet.Parameters.FirstOrDefault(p =>
                        string.Equals(p.Name, argument.Name, StringComparison.OrdinalIgnoreCase)
                        || p.Aliases.Contains(argument.Name, StringComparer.OrdinalIgnoreCase));
                    if (parameter is null)
                    {
                        if (!HelpGenerator.CommonParameters.Contains(argument.Name))
                            problems.Add($"{where}: {cmdlet.Name} has no parameter -{argument.Name}");
                        continue;
                    }
                    if (parameter.AllowedValues.Count == 0) continue;
                    foreach (var value in argument.Values.Where(v => v.Length > 0 && v[0] is not ('$' or '\u0001')))
                        if (!parameter.AllowedValues.Contains(value, StringComparer.OrdinalIgnoreCase))
                            problems.Add($"{where}: {cmdlet.Name} -{parameter.Name} does not accept '{value}' ({string.Join(", ", parameter.AllowedValues)})");
                }
            }
        }
        Assert.True(calls > 30, $"Only {calls} cmdlet calls found in the examples: the scanner is not reading them");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Related_links_to_pages_point_at_pages_that_exist()
    {
        var problems = new List<string>();
        foreach (var path in Directory.GetFiles(ModuleFolder.DocsFolder, "*-Closeio*.md"))
        {
            var page = HelpPage.Read(path);
            Assert.NotEmpty(page.Links);
            foreach (var (text, target) in page.Links.Where(l => l.Target.EndsWith(".md", StringComparison.Ordinal)))
                if (!File.Exists(Path.Combine(ModuleFolder.DocsFolder, target)))
                    problems.Add($"{page.Name}: link '{text}' to {target}, which does not exist");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
