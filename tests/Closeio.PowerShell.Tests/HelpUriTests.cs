using System.Text.RegularExpressions;
using System.Xml.Linq;
using Closeio.PowerShell.Tests.HelpGen;

namespace Closeio.PowerShell.Tests;

/// <summary>Get-Help -Online: every cmdlet names its page in docs/, and the shipped help opens that page.</summary>
public class HelpUriTests
{
    private static string ProjectUri =>
        ModuleLayoutTests.ManifestList(File.ReadAllText(ModuleFolder.Manifest), "ProjectUri").Single();

    [Fact]
    public void Every_cmdlet_has_a_HelpUri_pointing_at_its_page_in_docs()
    {
        foreach (var cmdlet in ModuleFolder.Module.Cmdlets)
        {
            Assert.Equal($"{ProjectUri}/blob/main/docs/{cmdlet.Name}.md", cmdlet.HelpUri);
            Assert.True(File.Exists(Path.Combine(ModuleFolder.DocsFolder, cmdlet.Name + ".md")), $"{cmdlet.Name}: no docs page");
        }
    }

    [Fact]
    public void Shipped_help_opens_the_HelpUri_first_with_Get_Help_Online()
    {
        // Get-Help -Online takes the first related link that is an address, and only then the HelpUri.
        var maml = XDocument.Load(Path.Combine(ModuleFolder.StagedModule, "en-US", ModuleFolder.HelpFile));
        foreach (var command in maml.Root!.Elements(HelpGenerator.Command + "command"))
        {
            var name = command.Descendants(HelpGenerator.Command + "name").First().Value.Trim();
            var first = command.Element(HelpGenerator.Command + "relatedLinks")!
                .Elements(HelpGenerator.Maml + "navigationLink")
                .Select(l => l.Element(HelpGenerator.Maml + "uri")!.Value.Trim())
                .FirstOrDefault(u => Regex.IsMatch(u, "^https?://"));
            Assert.Equal($"{ProjectUri}/blob/main/docs/{name}.md", first);
        }
    }
}
