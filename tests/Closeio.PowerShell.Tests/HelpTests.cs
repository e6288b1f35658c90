using System.Xml.Linq;
using Closeio.PowerShell.Tests.HelpGen;

namespace Closeio.PowerShell.Tests;

/// <summary>
/// The help users get offline (Get-Help -Full / -Examples): docs/*.md is the source; the MAML in
/// src/Closeio.PowerShell/en-US/ and the SYNTAX sections of the pages are generated from it and from
/// the compiled cmdlets. Set CLOSEIO_UPDATE_HELP=1 to rewrite the generated parts instead of failing.
/// </summary>
public class HelpTests
{
    private static bool Update => Environment.GetEnvironmentVariable("CLOSEIO_UPDATE_HELP") == "1";
    private static IReadOnlyList<CmdletInfo> Cmdlets => ModuleFolder.Module.Cmdlets;

    private static string PagePath(string cmdlet) => Path.Combine(ModuleFolder.DocsFolder, cmdlet + ".md");

    private static Dictionary<string, HelpPage> Pages() =>
        Cmdlets.Where(c => File.Exists(PagePath(c.Name))).ToDictionary(c => c.Name, c => HelpPage.Read(PagePath(c.Name)));

    private static IEnumerable<string> DocumentedParameters(CmdletInfo c) =>
        c.Parameters.Where(p => !HelpGenerator.CommonParameters.Contains(p.Name)).Select(p => p.Name);

    [Fact]
    public void Every_cmdlet_has_a_help_page()
    {
        var missing = Cmdlets.Where(c => !File.Exists(PagePath(c.Name))).Select(c => c.Name).ToList();
        Assert.True(missing.Count == 0, "No docs/<cmdlet>.md for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_help_page_is_for_a_compiled_cmdlet()
    {
        var names = Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var stale = Directory.GetFiles(ModuleFolder.DocsFolder, "*-Closeio*.md").Select(Path.GetFileNameWithoutExtension)
            .Where(n => !names.Contains(n!)).ToList();
        Assert.True(stale.Count == 0, "Pages for cmdlets the module does not have: " + string.Join(", ", stale));
        foreach (var (name, page) in Pages())
            Assert.Equal(name, page.Name);
    }

    [Fact]
    public void Every_page_has_a_synopsis_a_description_and_two_real_examples()
    {
        var problems = new List<string>();
        foreach (var (name, page) in Pages())
        {
            if (page.Synopsis.Length == 0) problems.Add($"{name}: no SYNOPSIS");
            if (page.Description.Length == 0) problems.Add($"{name}: no DESCRIPTION");
            if (page.Examples.Count < 2) problems.Add($"{name}: {page.Examples.Count} example(s), need 2");
            foreach (var example in page.Examples)
            {
                if (!example.Code.Contains(name, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{name}: '{example.Title}' does not run {name}");
                if (example.Remarks.Length == 0)
                    problems.Add($"{name}: '{example.Title}' does not say what it does");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_parameter_is_documented_and_no_documented_parameter_is_missing()
    {
        var problems = new List<string>();
        foreach (var cmdlet in Cmdlets)
        {
            if (!File.Exists(PagePath(cmdlet.Name))) continue;
            var page = HelpPage.Read(PagePath(cmdlet.Name));
            var actual = DocumentedParameters(cmdlet).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var p in actual)
                if (!page.Parameters.TryGetValue(p, out var text) || HelpPage.SplitDefault(text).Text.Length == 0)
                    problems.Add($"{cmdlet.Name}: -{p} is not described");
            foreach (var p in page.Parameters.Keys.Where(k => !actual.Contains(k)))
                problems.Add($"{cmdlet.Name}: documents -{p}, which the cmdlet does not have");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Outputs_section_names_what_the_cmdlet_declares()
    {
        // A class may be documented by the type name the module puts on it (Closeio.StreamState for
        // Closeio.Core.State.StreamState), and System.Void as None.
        bool Covered(string type, HashSet<string> documented) =>
            documented.Contains(type)
            || type == "System.Void" && documented.Contains("None")
            || Cmdlets.Where(c => c.OutputTypes.Contains(type)).SelectMany(c => c.PSTypeNames).Any(documented.Contains);
        var problems = new List<string>();
        foreach (var (name, page) in Pages())
        {
            var cmdlet = Cmdlets.Single(c => c.Name == name);
            var documented = page.Outputs.Select(o => o.TypeName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var type in cmdlet.OutputTypes.Where(t => !Covered(t, documented)))
                problems.Add($"{name}: OUTPUTS does not mention {type}");
            if (documented.Count == 0)
                problems.Add($"{name}: no OUTPUTS");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Page_syntax_sections_match_the_compiled_cmdlets()
    {
        var stale = new List<string>();
        foreach (var cmdlet in Cmdlets)
        {
            var path = PagePath(cmdlet.Name);
            if (!File.Exists(path)) continue;
            var text = File.ReadAllText(path).Replace("\r\n", "\n");
            var expected = HelpGenerator.WithSyntax(text, cmdlet);
            if (expected == text) continue;
            if (Update) File.WriteAllText(path, expected);
            else stale.Add(cmdlet.Name);
        }
        Assert.True(stale.Count == 0, "SYNTAX out of date (run the tests with CLOSEIO_UPDATE_HELP=1): " + string.Join(", ", stale));
    }

    [Fact]
    public void Committed_MAML_help_is_generated_from_the_docs_and_the_compiled_cmdlets()
    {
        var expected = HelpGenerator.MamlDocument(Cmdlets, Pages());
        var path = Path.Combine(ModuleFolder.HelpSourceFolder, ModuleFolder.HelpFile);
        // Compared with LF line ends: a Windows checkout may turn them into CRLF.
        var actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        if (actual != expected && Update)
        {
            Directory.CreateDirectory(ModuleFolder.HelpSourceFolder);
            File.WriteAllText(path, expected);
            actual = expected;
        }
        Assert.True(actual == expected,
            $"{path} is out of date with docs/*.md or the compiled parameters; run the tests with CLOSEIO_UPDATE_HELP=1 and rebuild.");
    }

    [Theory]
    [InlineData("about_Closeio")]
    [InlineData("about_Closeio_Profiles")]
    public void About_topics_are_generated_from_their_pages(string topic)
    {
        var source = Path.Combine(ModuleFolder.DocsFolder, topic + ".md");
        Assert.True(File.Exists(source), "Missing " + source);
        var markdown = File.ReadAllText(source).Replace("\r\n", "\n");
        Assert.Equal(topic, MarkdownSections.Read(markdown).Title);
        var expected = HelpGenerator.AboutText(markdown);
        Assert.Contains("SHORT DESCRIPTION", expected);
        Assert.Contains("LONG DESCRIPTION", expected);
        var path = Path.Combine(ModuleFolder.HelpSourceFolder, topic + ".help.txt");
        // Compared with LF line ends: a Windows checkout may turn them into CRLF.
        var actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        if (actual != expected && Update)
        {
            File.WriteAllText(path, expected);
            actual = expected;
        }
        Assert.True(actual == expected, $"{path} is out of date with {source}; run the tests with CLOSEIO_UPDATE_HELP=1.");
    }

    // ---- the help Get-Help will actually read: the staged MAML in out/Closeio/en-US/

    private static XDocument StagedMaml() =>
        XDocument.Load(Path.Combine(ModuleFolder.StagedModule, "en-US", ModuleFolder.HelpFile));

    [Fact]
    public void Shipped_help_covers_every_cmdlet_and_parameter_with_two_examples()
    {
        XNamespace command = HelpGenerator.Command, maml = HelpGenerator.Maml, dev = HelpGenerator.Dev;
        var doc = StagedMaml();
        Assert.Equal(HelpGenerator.Msh + "helpItems", doc.Root!.Name);
        var commands = doc.Root.Elements(command + "command")
            .ToDictionary(c => c.Element(command + "details")!.Element(command + "name")!.Value);
        var problems = new List<string>();
        foreach (var cmdlet in Cmdlets)
        {
            if (!commands.TryGetValue(cmdlet.Name, out var help)) { problems.Add($"{cmdlet.Name}: not in the help file"); continue; }
            var synopsis = help.Element(command + "details")!.Element(maml + "description")!.Value;
            if (string.IsNullOrWhiteSpace(synopsis)) problems.Add($"{cmdlet.Name}: empty synopsis");
            var described = help.Element(command + "parameters")!.Elements(command + "parameter")
                .Where(p => !string.IsNullOrWhiteSpace(p.Element(maml + "description")?.Value))
                .Select(p => p.Element(maml + "name")!.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var p in DocumentedParameters(cmdlet).Where(p => !described.Contains(p)))
                problems.Add($"{cmdlet.Name}: -{p} has no help");
            var syntaxSets = help.Element(command + "syntax")!.Elements(command + "syntaxItem").Count();
            if (syntaxSets != cmdlet.ParameterSets.Count) problems.Add($"{cmdlet.Name}: {syntaxSets} syntax blocks for {cmdlet.ParameterSets.Count} parameter sets");
            var examples = help.Element(command + "examples")!.Elements(command + "example")
                .Where(e => !string.IsNullOrWhiteSpace(e.Element(dev + "code")?.Value)).Count();
            if (examples < 2) problems.Add($"{cmdlet.Name}: {examples} example(s) in the help file");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Shipped_help_states_each_parameter_type_as_compiled()
    {
        XNamespace command = HelpGenerator.Command, maml = HelpGenerator.Maml, dev = HelpGenerator.Dev;
        var problems = new List<string>();
        foreach (var help in StagedMaml().Root!.Elements(command + "command"))
        {
            var name = help.Element(command + "details")!.Element(command + "name")!.Value;
            var cmdlet = Cmdlets.SingleOrDefault(c => c.Name == name);
            if (cmdlet is null) { problems.Add($"help for {name}, which the module does not have"); continue; }
            foreach (var p in help.Element(command + "parameters")!.Elements(command + "parameter"))
            {
                var pname = p.Element(maml + "name")!.Value;
                var compiled = cmdlet.Parameters.SingleOrDefault(x => x.Name == pname);
                var typeName = p.Element(dev + "type")?.Element(maml + "name")?.Value;
                if (compiled is null) problems.Add($"{name}: help for -{pname}, which does not exist");
                else if (typeName != compiled.TypeName) problems.Add($"{name} -{pname}: help says {typeName}, compiled {compiled.TypeName}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
