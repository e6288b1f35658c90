using System.Globalization;
using System.Xml.Linq;
using Closeio.Core.Streams;

namespace Closeio.PowerShell.Tests;

/// <summary>
/// Closeio.Streams.format.ps1xml, generated from the stream catalog: a default table view for every
/// stream whose records have no hand-written view in Closeio.format.ps1xml, so a stream added to the
/// catalog shows well in the shell with nothing written by hand. Set CLOSEIO_UPDATE_HELP=1 to rewrite
/// it (with the help) instead of failing when it is out of date.
/// </summary>
public class StreamViews
{
    public const string FileName = "Closeio.Streams.format.ps1xml";

    private static string SourcePath => Path.Combine(ModuleFolder.RepositoryRoot, "src", "Closeio.PowerShell", FileName);

    internal static IEnumerable<XElement> Views(XDocument doc) => doc.Root!.Element("ViewDefinitions")?.Elements("View") ?? [];

    /// <summary>
    /// The view of one stream: the whole id (48 characters) first, then up to two of its text fields
    /// that name or describe a record (not ids), then its replication key, then the rest up to five.
    /// The first column after the id fills the 80-column line exactly.
    /// </summary>
    internal static XElement ViewOf(StreamDefinition stream)
    {
        var texts = stream.Fields.Where(f => f.JsonType == StreamFieldType.String && f.Name != "id" &&
                                             !f.Name.EndsWith("_id", StringComparison.Ordinal) && !f.Name.StartsWith('_'))
            .Take(2).Select(f => f.Name);
        var columns = new List<string> { "id" };
        columns.AddRange(texts);
        if (stream.ReplicationKey is { } key) columns.Add(key);
        foreach (var field in stream.Fields.Select(f => f.Name))
        {
            if (columns.Count >= 3) break;
            if (!columns.Contains(field)) columns.Add(field);
        }

        int Width(int i) => i == 0 ? 48 : i == 1 ? 31 : stream.FindField(columns[i])?.IsDateTime == true ? 27 : 24;
        return new XElement("View",
            new XElement("Name", stream.TypeName),
            new XElement("ViewSelectedBy", new XElement("TypeName", stream.TypeName)),
            new XElement("TableControl",
                new XElement("TableHeaders", columns.Select((c, i) => new XElement("TableColumnHeader",
                    new XElement("Label", Label(c)),
                    new XElement("Width", Width(i).ToString(CultureInfo.InvariantCulture))))),
                new XElement("TableRowEntries", new XElement("TableRowEntry", new XElement("TableColumnItems",
                    columns.Select(c => new XElement("TableColumnItem", new XElement("PropertyName", c))))))));
    }

    private static string Label(string field)
    {
        var words = field.Replace('_', ' ').Trim();
        return field == "id" ? "Id" : char.ToUpperInvariant(words[0]) + words[1..];
    }

    internal static string Generate()
    {
        var handWritten = Views(XDocument.Load(ModuleFolder.FormatSource))
            .Select(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim()).ToHashSet(StringComparer.Ordinal);
        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XComment(" Generated from the stream catalog by tests/Closeio.PowerShell.Tests/StreamViews.cs " +
                         "(CLOSEIO_UPDATE_HELP=1 dotnet test tests/Closeio.PowerShell.Tests); do not edit. Streams with a " +
                         "hand-written view in Closeio.format.ps1xml are not here. "),
            new XElement("Configuration", new XElement("ViewDefinitions",
                StreamCatalog.All.Where(s => !handWritten.Contains(s.TypeName)).Select(ViewOf))));
        using var text = new Utf8StringWriter();
        doc.Save(text);
        return text.ToString().Replace("\r\n", "\n") + "\n";
    }

    [Fact]
    public void Generated_stream_views_are_up_to_date()
    {
        var expected = Generate();
        var actual = File.Exists(SourcePath) ? File.ReadAllText(SourcePath).Replace("\r\n", "\n") : "";
        if (actual != expected && Environment.GetEnvironmentVariable("CLOSEIO_UPDATE_HELP") == "1")
        {
            File.WriteAllText(SourcePath, expected);
            actual = expected;
        }

        Assert.True(actual == expected, $"{FileName} is out of date: run the tests with CLOSEIO_UPDATE_HELP=1.");
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
