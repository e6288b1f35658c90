using System.Xml.Linq;
using Closeio.PowerShell.Tests.HelpGen;

namespace Closeio.PowerShell.Tests;

/// <summary>The help generator on small hand-made inputs, so a fault in it cannot hide behind the real pages.</summary>
public class HelpGeneratorTests
{
    private static ParameterInfo P(string name, string type, bool mandatory = false, int? position = null,
        string set = CmdletInfo.AllSets, bool byName = false) => new()
    {
        Name = name,
        TypeFullName = type == "SwitchParameter" ? "System.Management.Automation.SwitchParameter" : "System." + type,
        TypeName = type,
        Sets = new Dictionary<string, ParameterSetData> { [set] = new(mandatory, position, false, byName) },
    };

    private static CmdletInfo Sample(params ParameterInfo[] parameters) => new()
    {
        Type = typeof(object),
        Verb = "Get",
        Noun = "CloseioThing",
        OutputTypes = ["Closeio.Thing"],
        Parameters = parameters,
        DefaultParameterSetName = "ByName",
    };

    [Fact]
    public void Syntax_shows_positional_then_mandatory_then_optional_parameters_as_GetHelp_does()
    {
        var cmdlet = Sample(P("Force", "SwitchParameter"), P("Path", "String", mandatory: true), P("Name", "String[]", position: 0));
        Assert.Equal("Get-CloseioThing [[-Name] <String[]>] -Path <String> [-Force] [<CommonParameters>]",
            HelpGenerator.SyntaxLine(cmdlet, CmdletInfo.AllSets));
    }

    [Fact]
    public void Each_parameter_set_gets_its_own_syntax_block_default_first()
    {
        var cmdlet = Sample(P("Id", "String", mandatory: true, set: "ById"), P("Name", "String", set: "ByName"), P("Force", "SwitchParameter"));
        Assert.Equal(["ByName", "ById"], cmdlet.ParameterSets);
        var syntax = HelpGenerator.MarkdownSyntax(cmdlet);
        Assert.Contains("### ByName (Default)\n```\nGet-CloseioThing [-Name <String>] [-Force] [<CommonParameters>]\n```", syntax);
        Assert.Contains("### ById\n```\nGet-CloseioThing -Id <String> [-Force] [<CommonParameters>]\n```", syntax);
    }

    [Fact]
    public void Rewriting_the_syntax_keeps_the_rest_of_the_page()
    {
        var page = "# Get-CloseioThing\n\n## SYNOPSIS\nS.\n\n## SYNTAX\nold stuff\n\n## DESCRIPTION\nD.\n";
        var rewritten = HelpGenerator.WithSyntax(page, Sample(P("Name", "String")));
        Assert.Equal("# Get-CloseioThing\n\n## SYNOPSIS\nS.\n\n## SYNTAX\n\n```\nGet-CloseioThing [-Name <String>] [<CommonParameters>]\n```\n\n## DESCRIPTION\nD.\n", rewritten);
        Assert.Equal(rewritten, HelpGenerator.WithSyntax(rewritten, Sample(P("Name", "String"))));
    }

    [Fact]
    public void Markdown_prose_becomes_plain_paragraphs()
    {
        var paras = HelpGenerator.PlainParagraphs("Reads `leads` from\n**Close**, see [the docs](https://x).\n\n- one\n- two\n  continued\n\n```powershell\nGet-X\n```");
        Assert.Equal(["Reads leads from Close, see the docs.", "- one", "- two continued", "    Get-X"], paras);
    }

    [Fact]
    public void Page_sections_examples_and_default_values_are_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"Get-CloseioThing-{Guid.NewGuid():N}.md");
        File.WriteAllText(path, """
            ---
            Module Name: Closeio
            ---
            # Get-CloseioThing

            ## SYNOPSIS
            Gets things.

            ## SYNTAX

            ## DESCRIPTION
            Long text.

            ## EXAMPLES

            ### Example 1: First
            ```powershell
            Get-CloseioThing -Name a
            # ## not a heading
            ```

            Does a thing.

            ### Example 2: Second
            ```powershell
            Get-CloseioThing
            ```
            Does all.

            ## PARAMETERS

            ### -Name
            The name.

            Default value: all

            ### CommonParameters
            Common.

            ## OUTPUTS

            ### Closeio.Thing
            A thing.

            ## RELATED LINKS

            [about_Closeio](about_Closeio.md)
            """.Replace("\r\n", "\n"));
        try
        {
            var page = HelpPage.Read(path);
            Assert.Equal("Get-CloseioThing", page.Name);
            Assert.Equal("Gets things.", page.Synopsis);
            Assert.Equal(2, page.Examples.Count);
            Assert.Equal("Get-CloseioThing -Name a\n# ## not a heading", page.Examples[0].Code);
            Assert.Equal("Does a thing.", page.Examples[0].Remarks);
            Assert.Equal(["Name"], page.Parameters.Keys);
            Assert.Equal(("The name.", "all"), HelpPage.SplitDefault(page.Parameters["Name"]));
            Assert.Equal("Closeio.Thing", Assert.Single(page.Outputs).TypeName);
            Assert.Equal(("about_Closeio", "about_Closeio.md"), Assert.Single(page.Links));

            var cmdlet = Sample(P("Name", "String[]", position: 0, byName: true));
            var maml = XDocument.Parse(HelpGenerator.MamlDocument([cmdlet], new Dictionary<string, HelpPage> { ["Get-CloseioThing"] = page }));
            XNamespace command = HelpGenerator.Command, maml_ = HelpGenerator.Maml, dev = HelpGenerator.Dev;
            var parameter = maml.Descendants(command + "parameters").Single().Element(command + "parameter")!;
            Assert.Equal("True (ByPropertyName)", parameter.Attribute("pipelineInput")!.Value);
            Assert.Equal("0", parameter.Attribute("position")!.Value);
            Assert.Equal("true", parameter.Attribute("variableLength")!.Value);
            Assert.Equal("The name.", parameter.Element(maml_ + "description")!.Value);
            Assert.Equal("all", parameter.Element(dev + "defaultValue")!.Value);
            Assert.Equal(2, maml.Descendants(command + "example").Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void About_topics_get_capital_headings_and_indented_wrapped_text()
    {
        var text = HelpGenerator.AboutText("# about_Thing\n\n## SHORT DESCRIPTION\nShort.\n\n## LONG DESCRIPTION\n" +
            string.Join(' ', Enumerable.Repeat("word", 30)) + "\n\n```powershell\nGet-Thing\n```\n");
        var lines = text.Split('\n');
        Assert.Equal(["TOPIC", "    about_Thing", "", "SHORT DESCRIPTION", "    Short.", "", "LONG DESCRIPTION"], lines[..7]);
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.Contains("        Get-Thing", lines);
    }
}
