using System.Xml.Linq;
using Closeio.Core.Streams;

namespace Closeio.PowerShell.Tests;

/// <summary>Closeio.format.ps1xml: what Format-Table shows by default for each object the module writes.</summary>
public class FormatFileTests
{
    private static XDocument Staged() => XDocument.Load(Path.Combine(ModuleFolder.StagedModule, "Closeio.format.ps1xml"));

    /// <summary>The views of both format files: the hand-written one and the one generated for the other streams.</summary>
    private static IEnumerable<XElement> Views(XDocument doc) =>
        (doc.Root!.Element("ViewDefinitions")?.Elements("View") ?? [])
        .Concat(StreamViews.Views(XDocument.Load(Path.Combine(ModuleFolder.StagedModule, StreamViews.FileName))));

    /// <summary>
    /// Every type name the module says it writes: [OutputType] on its cmdlets, and the type names its
    /// cmdlets put on their objects (see <see cref="CmdletInfo.PSTypeNames"/>).
    /// </summary>
    private static HashSet<string> EmittedTypes() =>
        ModuleFolder.Module.Cmdlets.SelectMany(c => c.OutputTypes.Concat(c.PSTypeNames))
            // Sync-CloseioStream and Get-CloseioRecord write the records of every stream in the catalog.
            .Concat(StreamCatalog.All.Select(s => s.TypeName))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The .NET class behind a type name: the class itself, or the [OutputType] class of the cmdlet that names it.</summary>
    private static Type? ClassBehind(string typeName)
    {
        var names = new List<string> { typeName };
        names.AddRange(ModuleFolder.Module.Cmdlets.Where(c => c.PSTypeNames.Contains(typeName)).SelectMany(c => c.OutputTypes));
        foreach (var name in names)
        {
            foreach (var file in Directory.GetFiles(ModuleFolder.StagedModule, "Closeio.*.dll", SearchOption.AllDirectories))
            {
                var assembly = ModuleFolder.Module.Context.LoadFromAssemblyName(Path.GetFileNameWithoutExtension(file));
                if (assembly.GetType(name) is { } type)
                    return type;
            }
        }
        return null;
    }

    [Fact]
    public void Format_file_is_well_formed_and_shipped_unchanged()
    {
        var doc = Staged();
        Assert.Equal("Configuration", doc.Root!.Name.LocalName);
        Assert.Equal(File.ReadAllText(ModuleFolder.FormatSource), File.ReadAllText(Path.Combine(ModuleFolder.StagedModule, "Closeio.format.ps1xml")));
    }

    [Fact]
    public void Every_view_is_a_table_with_a_column_item_per_header()
    {
        foreach (var view in Views(Staged()))
        {
            var name = view.Element("Name")?.Value;
            Assert.False(string.IsNullOrWhiteSpace(name), "A view has no Name");
            Assert.NotNull(view.Element("ViewSelectedBy")?.Element("TypeName"));
            var table = view.Element("TableControl");
            Assert.True(table is not null, $"{name}: no TableControl");
            var headers = table!.Element("TableHeaders")!.Elements("TableColumnHeader").ToList();
            foreach (var entry in table.Element("TableRowEntries")!.Elements("TableRowEntry"))
            {
                var items = entry.Element("TableColumnItems")!.Elements("TableColumnItem").ToList();
                Assert.True(headers.Count == items.Count, $"{name}: {headers.Count} headers but {items.Count} column items");
                foreach (var item in items)
                    Assert.True(item.Element("PropertyName") is not null ^ item.Element("ScriptBlock") is not null,
                        $"{name}: a column item needs exactly one of PropertyName or ScriptBlock");
            }
            Assert.InRange(headers.Count, 3, 8); // a handful of columns: readable in an 120-column console
        }
    }

    [Fact]
    public void Format_file_names_only_types_the_module_emits()
    {
        var emitted = EmittedTypes();
        var named = Views(Staged()).SelectMany(v => v.Element("ViewSelectedBy")!.Elements("TypeName")).Select(t => t.Value.Trim()).ToList();
        var unknown = named.Where(n => !emitted.Contains(n)).ToList();
        Assert.True(unknown.Count == 0,
            $"Views for types no cmdlet declares in [OutputType]: {string.Join(", ", unknown)}. Declared: {string.Join(", ", emitted.Order())}");
    }

    [Fact]
    public void Every_Closeio_type_the_module_emits_has_a_table_view()
    {
        var viewed = Views(Staged()).SelectMany(v => v.Element("ViewSelectedBy")!.Elements("TypeName")).Select(t => t.Value.Trim()).ToHashSet();
        // A class is covered by a view for itself or for the type name the module puts on it.
        bool Covered(string type) => viewed.Contains(type)
            || ModuleFolder.Module.Cmdlets.Where(c => c.OutputTypes.Contains(type)).SelectMany(c => c.PSTypeNames).Any(viewed.Contains);
        var missing = EmittedTypes().Where(t => t.StartsWith("Closeio.", StringComparison.Ordinal) && !Covered(t)).ToList();
        Assert.True(missing.Count == 0, "No default view for: " + string.Join(", ", missing));
        foreach (var stream in StreamCatalog.All)
            Assert.Contains(stream.TypeName, viewed);
    }

    [Fact]
    public void Record_views_show_fields_the_records_carry()
    {
        var views = Views(Staged()).ToDictionary(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim(), v => v);
        foreach (var stream in StreamCatalog.All)
        {
            var fields = stream.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            var properties = views[stream.TypeName].Descendants("PropertyName").Select(p => p.Value.Trim()).ToList();
            // Something to act on: the record's id, or for events the id of the object they are about.
            Assert.True(properties.Any(p => p == "id" || p.EndsWith("_id", StringComparison.Ordinal)), $"{stream.TypeName} view shows no id");
            var unknown = properties.Where(p => !fields.Contains(p)).ToList();
            Assert.True(unknown.Count == 0, $"{stream.TypeName} view shows {string.Join(", ", unknown)}, which {stream.Name} records do not carry");
        }
    }

    [Fact]
    public void Record_views_show_the_whole_id_first_and_fit_80_columns_before_anything_optional()
    {
        // Close's ids are 46 (cf_, ev_) to 48 (lead_, acti_) characters. The id comes first, at full
        // width, so the id to pipe on is never cut; the columns that follow up to 80 characters fill
        // the line exactly, so at 80 the rest is hidden rather than squeezed into a column too narrow
        // for its header (PowerShell trims the last column that does not fit, hides one with no room).
        foreach (var stream in StreamCatalog.All)
        {
            var view = Views(Staged()).Single(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim() == stream.TypeName);
            var headers = view.Descendants("TableColumnHeader").ToList();
            var widths = headers.Select(h => int.Parse(h.Element("Width")?.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(widths.All(w => w > 0), $"{stream.TypeName}: every column has a width");
            Assert.Equal("id", view.Descendants("PropertyName").First().Value.Trim());
            Assert.InRange(widths[0], 46, 48);
            var used = -1;
            var fits = 0;
            while (fits < widths.Count && used + 1 + widths[fits] <= 80) used += 1 + widths[fits++];
            Assert.True(fits == widths.Count || used >= 79 || 80 - used - 1 >= headers[fits].Element("Label")!.Value.Length,
                $"{stream.TypeName}: at 80 columns the {headers[Math.Min(fits, headers.Count - 1)].Element("Label")!.Value} column would be squeezed");
        }
    }

    [Fact]
    public void Views_of_module_classes_show_properties_the_class_has()
    {
        // Non-record outputs are classes of the module (Connection, StreamState, ...): their columns must be real properties.
        var checkedAny = false;
        foreach (var view in Views(Staged()))
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim();
            if (StreamCatalog.All.Any(s => s.TypeName == typeName))
                continue; // records: see Record_views_show_fields_the_records_carry
            var type = ClassBehind(typeName);
            Assert.True(type is not null, $"No class of the module stands behind {typeName}, so its columns cannot be checked");
            var names = type!.GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = view.Descendants("PropertyName").Select(p => p.Value.Trim()).Where(p => !names.Contains(p)).ToList();
            Assert.True(unknown.Count == 0, $"{typeName} ({type.FullName}) has no property {string.Join(", ", unknown)}");
            checkedAny = true;
        }
        Assert.True(checkedAny, "The format file has no view for the module's own classes (Connection, StreamState, ...)");
    }
}
