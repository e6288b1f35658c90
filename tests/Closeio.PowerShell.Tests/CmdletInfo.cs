using System.Collections.ObjectModel;
using System.Reflection;

namespace Closeio.PowerShell.Tests;

/// <summary>What PowerShell would learn about one cmdlet class, read from metadata only.</summary>
public sealed class CmdletInfo
{
    public const string AllSets = "__AllParameterSets";

    public required Type Type { get; init; }
    public required string Verb { get; init; }
    public required string Noun { get; init; }
    public string Name => Verb + "-" + Noun;
    public string? DefaultParameterSetName { get; init; }
    public bool SupportsShouldProcess { get; init; }
    public bool SupportsPaging { get; init; }
    /// <summary>The [Cmdlet] attribute's HelpUri: the cmdlet's page online, opened by Get-Help -Online.</summary>
    public string? HelpUri { get; init; }
    /// <summary>ConfirmImpact as its number: 0 None, 1 Low, 2 Medium, 3 High.</summary>
    public int ConfirmImpact { get; init; } = 2;
    /// <summary>Names from [OutputType]: full .NET type names or PSTypeName strings.</summary>
    public required IReadOnlyList<string> OutputTypes { get; init; }
    /// <summary>
    /// Type names the cmdlet puts first on the objects it writes (PSObject.TypeNames), declared as public
    /// string constants whose name ends in TypeName, e.g. <c>public const string TypeName = "Closeio.StreamState"</c>.
    /// </summary>
    public IReadOnlyList<string> PSTypeNames { get; init; } = [];
    /// <summary>Declared parameters, then the ones PowerShell adds for SupportsPaging and SupportsShouldProcess.</summary>
    public required IReadOnlyList<ParameterInfo> Parameters { get; init; }

    /// <summary>The parameter set names, the default one first; "__AllParameterSets" when none is named.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Sets.Keys).Where(s => s != AllSets).Distinct().ToList();
            if (named.Count == 0)
                return [AllSets];
            if (DefaultParameterSetName is { } d && named.Remove(d))
                named.Insert(0, d);
            return named;
        }
    }

    public IEnumerable<(ParameterInfo Parameter, ParameterSetData Data)> InSet(string set)
    {
        foreach (var p in Parameters)
        {
            if (p.Sets.TryGetValue(set, out var data) || p.Sets.TryGetValue(AllSets, out data))
                yield return (p, data);
        }
    }

    public static IReadOnlyList<CmdletInfo> ReadAll(Assembly assembly)
    {
        var list = new List<CmdletInfo>();
        foreach (var type in assembly.GetTypes())
        {
            var cmdlet = type.GetCustomAttributesData()
                .FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
            if (cmdlet is null || type.IsAbstract)
                continue;
            list.Add(Read(type, cmdlet));
        }
        return list.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static CmdletInfo Read(Type type, CustomAttributeData cmdlet)
    {
        var named = cmdlet.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);
        var outputs = new List<string>();
        foreach (var attr in type.GetCustomAttributesData()
                     .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute"))
        {
            foreach (var arg in attr.ConstructorArguments)
            {
                foreach (var value in Flatten(arg))
                {
                    if (value is Type t) outputs.Add(t.FullName!);
                    else if (value is string s) outputs.Add(s);
                }
            }
        }

        var parameters = new List<ParameterInfo>();
        // Base class properties last, as PowerShell lists them after the derived ones.
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => p.DeclaringType == type ? 0 : 1);
        foreach (var property in properties)
        {
            var p = ParameterInfo.FromProperty(property);
            if (p is not null)
                parameters.Add(p);
        }

        var supportsPaging = named.TryGetValue("SupportsPaging", out var sp) && sp is true;
        var supportsShouldProcess = named.TryGetValue("SupportsShouldProcess", out var ss) && ss is true;
        if (supportsPaging)
        {
            parameters.Add(ParameterInfo.Implied("IncludeTotalCount", "System.Management.Automation.SwitchParameter", "SwitchParameter"));
            parameters.Add(ParameterInfo.Implied("Skip", "System.UInt64", "UInt64"));
            parameters.Add(ParameterInfo.Implied("First", "System.UInt64", "UInt64"));
        }
        if (supportsShouldProcess)
        {
            parameters.Add(ParameterInfo.Implied("WhatIf", "System.Management.Automation.SwitchParameter", "SwitchParameter", "wi"));
            parameters.Add(ParameterInfo.Implied("Confirm", "System.Management.Automation.SwitchParameter", "SwitchParameter", "cf"));
        }

        return new CmdletInfo
        {
            Type = type,
            Verb = (string)cmdlet.ConstructorArguments[0].Value!,
            Noun = (string)cmdlet.ConstructorArguments[1].Value!,
            DefaultParameterSetName = named.GetValueOrDefault("DefaultParameterSetName") as string,
            SupportsShouldProcess = supportsShouldProcess,
            SupportsPaging = supportsPaging,
            HelpUri = named.TryGetValue("HelpUri", out var helpUri) ? helpUri as string : null,
            ConfirmImpact = named.TryGetValue("ConfirmImpact", out var ci) && ci is int i ? i : 2,
            OutputTypes = outputs,
            PSTypeNames = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.Name.EndsWith("TypeName", StringComparison.Ordinal))
                .Select(f => f.GetRawConstantValue()).OfType<string>().ToList(),
            Parameters = parameters,
        };
    }

    internal static IEnumerable<object?> Flatten(CustomAttributeTypedArgument arg)
    {
        if (arg.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items)
        {
            foreach (var item in items)
                yield return item.Value;
        }
        else
        {
            yield return arg.Value;
        }
    }
}

/// <summary>How a parameter behaves in one parameter set.</summary>
public sealed record ParameterSetData(bool Mandatory, int? Position, bool FromPipeline, bool FromPipelineByPropertyName);

public sealed class ParameterInfo
{
    public required string Name { get; init; }
    /// <summary>Full .NET name, e.g. System.String[] (Nullable unwrapped).</summary>
    public required string TypeFullName { get; init; }
    /// <summary>The short name Get-Help shows, e.g. String[].</summary>
    public required string TypeName { get; init; }
    public bool IsSwitch => TypeFullName == "System.Management.Automation.SwitchParameter";
    public bool IsArray => TypeFullName.EndsWith("[]", StringComparison.Ordinal);
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>ValidateSet values, or an enum's names.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];
    public required IReadOnlyDictionary<string, ParameterSetData> Sets { get; init; }
    /// <summary>Full name of the [ArgumentCompleter] class, if any.</summary>
    public string? Completer { get; init; }
    /// <summary>Added by PowerShell (paging, WhatIf/Confirm) rather than declared by the cmdlet.</summary>
    public bool IsImplied { get; init; }
    public PropertyInfo? Property { get; init; }

    internal static ParameterInfo Implied(string name, string fullName, string shortName, params string[] aliases) => new()
    {
        Name = name,
        TypeFullName = fullName,
        TypeName = shortName,
        Aliases = aliases,
        IsImplied = true,
        Sets = new Dictionary<string, ParameterSetData> { [CmdletInfo.AllSets] = new(false, null, false, false) },
    };

    internal static ParameterInfo? FromProperty(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var parameterAttributes = attributes
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute").ToList();
        if (parameterAttributes.Count == 0)
            return null;

        var sets = new Dictionary<string, ParameterSetData>(StringComparer.Ordinal);
        foreach (var attr in parameterAttributes)
        {
            var n = attr.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value);
            var set = n.GetValueOrDefault("ParameterSetName") as string ?? CmdletInfo.AllSets;
            var position = n.TryGetValue("Position", out var pos) && pos is int i && i != int.MinValue ? i : (int?)null;
            sets[set] = new ParameterSetData(
                n.GetValueOrDefault("Mandatory") is true, position,
                n.GetValueOrDefault("ValueFromPipeline") is true,
                n.GetValueOrDefault("ValueFromPipelineByPropertyName") is true);
        }

        var aliases = attributes
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute")
            .SelectMany(a => a.ConstructorArguments.SelectMany(CmdletInfo.Flatten)).OfType<string>().ToList();

        var type = property.PropertyType;
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1")
            type = type.GetGenericArguments()[0];

        var allowed = attributes
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.ValidateSetAttribute")
            .SelectMany(a => a.ConstructorArguments.SelectMany(CmdletInfo.Flatten)).OfType<string>().ToList();
        var element = type.IsArray ? type.GetElementType()! : type;
        if (allowed.Count == 0 && element.IsEnum)
            allowed = element.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToList();

        var completer = attributes
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.ArgumentCompleterAttribute")
            .SelectMany(a => a.ConstructorArguments).Select(a => a.Value).OfType<Type>().FirstOrDefault();

        return new ParameterInfo
        {
            Name = property.Name,
            Completer = completer?.FullName,
            TypeFullName = FullName(type),
            TypeName = ShortName(type),
            Aliases = aliases,
            AllowedValues = allowed,
            Sets = sets,
            Property = property,
        };
    }

    private static string FullName(Type t) => t.IsArray ? FullName(t.GetElementType()!) + "[]" : StripArity(t.FullName ?? t.Name);

    private static string ShortName(Type t) => t.IsArray ? ShortName(t.GetElementType()!) + "[]" : StripArity(t.Name);

    private static string StripArity(string name) => name.IndexOf('`') is var i and >= 0 ? name[..i] : name;
}
