using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Closeio.PowerShell.Tests.HelpGen;

/// <summary>
/// Builds the shipped help from docs/*.md and the compiled cmdlets: the MAML file that Get-Help reads
/// (prose from the pages; syntax, types, positions and pipeline input from the assembly), the
/// about_*.help.txt topics, and the SYNTAX section of each page.
/// </summary>
public static class HelpGenerator
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    /// <summary>The parameters every cmdlet gets from [CmdletBinding] and that the help does not document one by one.</summary>
    public static readonly IReadOnlySet<string> CommonParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
        "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    };

    // ---------------------------------------------------------------- syntax

    /// <summary>The parameters of one set in the order Get-Help shows them: positional, mandatory, the rest.</summary>
    public static IReadOnlyList<(ParameterInfo Parameter, ParameterSetData Data)> SyntaxOrder(CmdletInfo cmdlet, string set)
    {
        var all = cmdlet.InSet(set).Select((x, i) => (x.Parameter, x.Data, i)).ToList();
        return all
            .OrderBy(x => x.Data.Position is null ? 1 : 0).ThenBy(x => x.Data.Position ?? 0)
            .ThenBy(x => x.Data.Mandatory ? 0 : 1)
            .ThenBy(x => x.Parameter.IsImplied ? 1 : 0)
            .ThenBy(x => x.i)
            .Select(x => (x.Parameter, x.Data)).ToList();
    }

    public static string SyntaxLine(CmdletInfo cmdlet, string set)
    {
        var text = new StringBuilder(cmdlet.Name);
        foreach (var (p, data) in SyntaxOrder(cmdlet, set))
        {
            var name = data.Position is null ? "-" + p.Name : "[-" + p.Name + "]";
            var item = p.IsSwitch ? "-" + p.Name : name + " <" + p.TypeName + ">";
            text.Append(' ').Append(data.Mandatory ? item : "[" + item + "]");
        }
        text.Append(" [<CommonParameters>]");
        return text.ToString();
    }

    /// <summary>The SYNTAX section of a page as it must read (without the heading line).</summary>
    public static string MarkdownSyntax(CmdletInfo cmdlet)
    {
        var sets = cmdlet.ParameterSets;
        var text = new StringBuilder("\n");
        foreach (var set in sets)
        {
            if (sets.Count > 1)
            {
                var isDefault = set == cmdlet.DefaultParameterSetName || cmdlet.DefaultParameterSetName is null && set == sets[0];
                text.Append("### ").Append(set).Append(isDefault ? " (Default)" : "").Append("\n");
            }
            text.Append("```\n").Append(SyntaxLine(cmdlet, set)).Append("\n```\n\n");
        }
        return text.ToString();
    }

    /// <summary>The page's text with its SYNTAX section replaced by <see cref="MarkdownSyntax"/>.</summary>
    public static string WithSyntax(string pageText, CmdletInfo cmdlet)
    {
        var text = pageText.Replace("\r\n", "\n");
        var start = text.IndexOf("\n## SYNTAX\n", StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidDataException($"The page for {cmdlet.Name} has no '## SYNTAX' section.");
        start += "\n## SYNTAX\n".Length;
        var end = text.IndexOf("\n## ", start, StringComparison.Ordinal);
        if (end < 0) end = text.Length;
        else end += 1;
        return text[..start] + MarkdownSyntax(cmdlet) + text[end..];
    }

    // ---------------------------------------------------------------- MAML

    public static string MamlDocument(IReadOnlyList<CmdletInfo> cmdlets, IReadOnlyDictionary<string, HelpPage> pages)
    {
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
        foreach (var cmdlet in cmdlets)
        {
            if (pages.TryGetValue(cmdlet.Name, out var page))
                root.Add(CommandElement(cmdlet, page));
        }
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        var settings = new XmlWriterSettings
        {
            Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false),
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
            doc.Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static XElement CommandElement(CmdletInfo cmdlet, HelpPage page)
    {
        var command = new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(page.Synopsis)),
            Description(page.Description));

        var syntax = new XElement(Command + "syntax");
        foreach (var set in cmdlet.ParameterSets)
        {
            var item = new XElement(Command + "syntaxItem", new XElement(Maml + "name", cmdlet.Name));
            foreach (var (p, data) in SyntaxOrder(cmdlet, set))
                item.Add(ParameterElement(p, data.Mandatory, data.Position, data.FromPipeline, data.FromPipelineByPropertyName, page, inSyntax: true));
            syntax.Add(item);
        }
        command.Add(syntax);

        var parameters = new XElement(Command + "parameters");
        foreach (var p in cmdlet.Parameters.OrderBy(p => p.IsImplied ? 1 : 0))
        {
            var data = p.Sets.Values.ToList();
            parameters.Add(ParameterElement(p,
                mandatory: data.All(d => d.Mandatory),
                position: data.Select(d => d.Position).FirstOrDefault(x => x is not null),
                byValue: data.Any(d => d.FromPipeline),
                byName: data.Any(d => d.FromPipelineByPropertyName),
                page, inSyntax: false));
        }
        command.Add(parameters);

        command.Add(new XElement(Command + "inputTypes", page.Inputs.Select(i =>
            new XElement(Command + "inputType", TypeElement(i.TypeName), Description(i.Description)))));
        command.Add(new XElement(Command + "returnValues", page.Outputs.Select(o =>
            new XElement(Command + "returnValue", TypeElement(o.TypeName), Description(o.Description)))));
        command.Add(new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(page.Notes))));

        var examples = new XElement(Command + "examples");
        foreach (var example in page.Examples)
        {
            examples.Add(new XElement(Command + "example",
                new XElement(Maml + "title", "-------------------------- " + example.Title + " --------------------------"),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks", Paragraphs(example.Remarks))));
        }
        command.Add(examples);

        // Get-Help -Online opens the first related link that is an address, before the HelpUri: so the
        // cmdlet's own page (its HelpUri) comes first, as platyPS writes "Online Version:".
        var online = cmdlet.HelpUri is { } helpUri
            ? new[] { new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", "Online Version:"), new XElement(Maml + "uri", helpUri)) }
            : [];
        command.Add(new XElement(Command + "relatedLinks", online.Concat(page.Links.Select(l =>
            new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Target.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? l.Target : ""))))));
        return command;
    }

    private static XElement ParameterElement(ParameterInfo p, bool mandatory, int? position, bool byValue, bool byName,
        HelpPage page, bool inSyntax)
    {
        var pipeline = (byValue, byName) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };
        page.Parameters.TryGetValue(p.Name, out var text);
        var (description, defaultValue) = HelpPage.SplitDefault(text ?? "");
        var element = new XElement(Command + "parameter",
            new XAttribute("required", mandatory ? "true" : "false"),
            new XAttribute("variableLength", p.IsArray ? "true" : "false"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(Maml + "name", p.Name),
            Description(description));
        if (inSyntax && p.AllowedValues.Count > 0)
        {
            element.Add(new XElement(Command + "parameterValueGroup", p.AllowedValues.Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"),
                    new XAttribute(Command + "variableLength", "false"), v))));
        }
        if (!p.IsSwitch || !inSyntax)
        {
            element.Add(new XElement(Command + "parameterValue",
                new XAttribute("required", p.IsSwitch ? "false" : "true"),
                new XAttribute("variableLength", p.IsArray ? "true" : "false"), p.TypeName));
        }
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", p.TypeName), new XElement(Maml + "uri")));
        element.Add(new XElement(Dev + "defaultValue", defaultValue ?? (p.IsSwitch ? "False" : "None")));
        return element;
    }

    private static XElement TypeElement(string name) =>
        new(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"), new XElement(Maml + "description"));

    private static XElement Description(string markdown) => new(Maml + "description", Paragraphs(markdown));

    /// <summary>Markdown prose to MAML paragraphs: one per paragraph, list item, or line of a code block.</summary>
    public static IEnumerable<XElement> Paragraphs(string markdown) =>
        PlainParagraphs(markdown).Select(p => new XElement(Maml + "para", p));

    public static IReadOnlyList<string> PlainParagraphs(string markdown)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var inFence = false;
        void Flush()
        {
            if (current.Length > 0) result.Add(Inline(current.ToString()));
            current.Clear();
        }
        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                inFence = !inFence;
                continue;
            }
            if (inFence)
            {
                result.Add("    " + line);
                continue;
            }
            if (line.Length == 0) { Flush(); continue; }
            if (IsListItem(line)) Flush();
            if (current.Length > 0) current.Append(' ');
            current.Append(current.Length == 0 ? line.Trim() : line.Trim());
        }
        Flush();
        return result;
    }

    private static bool IsListItem(string line) => Regex.IsMatch(line, @"^\s*([-*]|\d+\.)\s");

    private static readonly Regex MarkdownLink = new(@"\[([^\]]+)\]\([^)]*\)", RegexOptions.Compiled);

    /// <summary>Drops markdown's inline marks, which Get-Help would show literally.</summary>
    public static string Inline(string text)
    {
        text = MarkdownLink.Replace(text, "$1");
        text = text.Replace("**", "").Replace("`", "");
        return Regex.Replace(text, @"^\s*\*\s", "- ");
    }

    // ---------------------------------------------------------------- about topics

    /// <summary>An about_*.md page as the plain-text topic Get-Help shows: headings in capitals, text wrapped and indented.</summary>
    public static string AboutText(string markdown)
    {
        var sections = MarkdownSections.Read(markdown);
        var text = new StringBuilder();
        text.Append("TOPIC\n    ").Append(sections.Title).Append("\n");
        foreach (var heading in sections.Headings)
        {
            text.Append('\n').Append(heading.ToUpperInvariant()).Append('\n');
            var inFence = false;
            var paragraph = new StringBuilder();
            void Flush()
            {
                if (paragraph.Length == 0) return;
                var p = Inline(paragraph.ToString());
                var bullet = IsListItem(p);
                foreach (var line in Wrap(p, 76, bullet ? "      " : "    ", "    "))
                    text.Append(line).Append('\n');
                text.Append('\n');
                paragraph.Clear();
            }
            foreach (var raw in sections.Body(heading).Split('\n'))
            {
                var line = raw.TrimEnd();
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    Flush();
                    if (inFence) text.Append('\n');
                    inFence = !inFence;
                    continue;
                }
                if (inFence) { text.Append("        ").Append(line).Append('\n'); continue; }
                if (line.Length == 0) { Flush(); continue; }
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    Flush();
                    text.Append("  ").Append(line[4..].Trim()).Append("\n\n");
                    continue;
                }
                if (IsListItem(line)) Flush();
                if (paragraph.Length > 0) paragraph.Append(' ');
                paragraph.Append(line.Trim());
            }
            Flush();
        }
        var result = Regex.Replace(text.ToString(), "\n{3,}", "\n\n").TrimEnd('\n') + "\n";
        return result;
    }

    private static IEnumerable<string> Wrap(string text, int width, string nextIndent, string firstIndent)
    {
        var line = new StringBuilder(firstIndent);
        var empty = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(nextIndent);
                empty = true;
            }
            if (!empty) line.Append(' ');
            line.Append(word);
            empty = false;
        }
        if (!empty) yield return line.ToString();
    }
}
