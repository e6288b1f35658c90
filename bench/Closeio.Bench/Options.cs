using System.Globalization;

namespace Closeio.Bench;

/// <summary>The command line: a scenario name, then <c>--name value</c> pairs and flags.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    public string Scenario { get; private init; } = "";

    public static Options Parse(string[] args)
    {
        var o = new Options { Scenario = args.Length > 0 ? args[0].ToLowerInvariant() : "" };
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{a}'.");
            var name = a[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            o._values[name] = value;
        }

        return o;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public IEnumerable<string> Names => _values.Keys;

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) && v is not null
            ? int.Parse(v.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture)
            : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) && v is not null ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string String(string name, string fallback) =>
        _values.TryGetValue(name, out var v) && v is not null ? v : fallback;
}
