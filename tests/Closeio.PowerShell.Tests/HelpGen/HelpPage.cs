using System.Text;
using System.Text.RegularExpressions;

namespace Closeio.PowerShell.Tests.HelpGen;

/// <summary>
/// One cmdlet's help as written in docs/&lt;Verb-Noun&gt;.md, the single source of the module's help.
/// The page uses platyPS's headings (SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS,
/// OUTPUTS, NOTES, RELATED LINKS); its SYNTAX section is generated from the compiled cmdlet.
/// </summary>
public sealed class HelpPage
{
    public required string Name { get; init; }
    public required string Path { get; init; }
    public string Synopsis { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<HelpExample> Examples { get; init; } = [];
    /// <summary>Parameter name (without the dash) to its description text.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<HelpTypeEntry> Inputs { get; init; } = [];
    public IReadOnlyList<HelpTypeEntry> Outputs { get; init; } = [];
    public string Notes { get; init; } = "";
    public IReadOnlyList<(string Text, string Target)> Links { get; init; } = [];

    public static HelpPage Read(string path)
    {
        var sections = MarkdownSections.Read(File.ReadAllText(path));
        var name = sections.Title;
        string Text(string section) => sections.Body(section).Trim();

        var examples = sections.Subsections("EXAMPLES").Select(s => HelpExample.From(s.Heading, s.Body)).ToList();

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (heading, body) in sections.Subsections("PARAMETERS"))
        {
            if (heading.StartsWith('-'))
                parameters[heading[1..].Trim()] = body.Trim();
        }

        return new HelpPage
        {
            Name = name,
            Path = path,
            Synopsis = Text("SYNOPSIS"),
            Description = Text("DESCRIPTION"),
            Examples = examples,
            Parameters = parameters,
            Inputs = sections.Subsections("INPUTS").Select(s => new HelpTypeEntry(s.Heading.Trim(), s.Body.Trim())).ToList(),
            Outputs = sections.Subsections("OUTPUTS").Select(s => new HelpTypeEntry(s.Heading.Trim(), s.Body.Trim())).ToList(),
            Notes = Text("NOTES"),
            Links = ReadLinks(sections.Body("RELATED LINKS")),
        };
    }

    private static readonly Regex LinkPattern = new(@"\[(?<text>[^\]]+)\]\((?<target>[^)]*)\)", RegexOptions.Compiled);

    private static List<(string, string)> ReadLinks(string body) =>
        LinkPattern.Matches(body).Select(m => (m.Groups["text"].Value, m.Groups["target"].Value)).ToList();

    /// <summary>"Default value: X" as the last paragraph of a parameter's text, or null.</summary>
    public static (string Text, string? Default) SplitDefault(string parameterText)
    {
        var lines = parameterText.Split('\n').ToList();
        var i = lines.FindLastIndex(l => l.StartsWith("Default value:", StringComparison.Ordinal));
        if (i < 0)
            return (parameterText, null);
        var value = lines[i]["Default value:".Length..].Trim().Trim('`');
        lines.RemoveAt(i);
        return (string.Join('\n', lines).Trim(), value);
    }
}

public sealed record HelpTypeEntry(string TypeName, string Description);

public sealed record HelpExample(string Title, string Code, string Remarks)
{
    internal static HelpExample From(string heading, string body)
    {
        // The first fenced block is the example's code; the text around it is the remarks.
        var code = new StringBuilder();
        var remarks = new StringBuilder();
        var state = 0; // 0 before the code, 1 inside it, 2 after it
        foreach (var line in body.Split('\n'))
        {
            var fence = line.TrimStart().StartsWith("```", StringComparison.Ordinal);
            if (state == 0 && fence) { state = 1; continue; }
            if (state == 1)
            {
                if (fence) state = 2;
                else code.Append(line).Append('\n');
                continue;
            }
            if (!fence)
                remarks.Append(line).Append('\n');
        }
        return new HelpExample(heading.Trim(), code.ToString().TrimEnd(), remarks.ToString().Trim());
    }
}

/// <summary>Splits a markdown page into its "# title", "## SECTION"s and their "### subsection"s, ignoring headings inside code fences.</summary>
public sealed class MarkdownSections
{
    private readonly List<(string Heading, List<string> Lines)> _sections = [];

    public string Title { get; private set; } = "";

    public static MarkdownSections Read(string text)
    {
        var result = new MarkdownSections();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var start = 0;
        if (lines.Length > 0 && lines[0] == "---")
        {
            // skip the front matter
            start = Array.IndexOf(lines, "---", 1) + 1;
        }
        List<string>? current = null;
        var inFence = false;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                inFence = !inFence;
            if (!inFence && line.StartsWith("# ", StringComparison.Ordinal) && result.Title.Length == 0)
            {
                result.Title = line[2..].Trim();
                continue;
            }
            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = [];
                result._sections.Add((line[3..].Trim(), current));
                continue;
            }
            current?.Add(line);
        }
        return result;
    }

    public IEnumerable<string> Headings => _sections.Select(s => s.Heading);

    public string Body(string heading)
    {
        var section = _sections.FirstOrDefault(s => string.Equals(s.Heading, heading, StringComparison.OrdinalIgnoreCase));
        return section.Lines is null ? "" : string.Join('\n', section.Lines);
    }

    public IReadOnlyList<(string Heading, string Body)> Subsections(string heading)
    {
        var list = new List<(string, string)>();
        string? sub = null;
        var body = new List<string>();
        var inFence = false;
        foreach (var line in Body(heading).Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                inFence = !inFence;
            if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (sub is not null) list.Add((sub, string.Join('\n', body)));
                sub = line[4..];
                body = [];
                continue;
            }
            body.Add(line);
        }
        if (sub is not null) list.Add((sub, string.Join('\n', body)));
        return list;
    }
}
