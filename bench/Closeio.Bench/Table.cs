using System.Globalization;
using System.Text;

namespace Closeio.Bench;

/// <summary>A small left/right aligned text table for the console.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public Table Add(params object?[] cells)
    {
        _rows.Add(cells.Select(Format).ToArray());
        return this;
    }

    public static string Format(object? v) => v switch
    {
        null => "",
        double d => d.ToString(Math.Abs(d) >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture),
        long or int => ((IFormattable)v).ToString("N0", CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    public override string ToString()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> cells)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                var c = i < cells.Count ? cells[i] : "";
                var numeric = c.Length > 0 && (char.IsDigit(c[0]) || c[0] == '-') && i > 0;
                sb.Append(numeric ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
                if (i < widths.Length - 1) sb.Append("  ");
            }

            sb.AppendLine();
        }

        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var r in _rows) Line(r);
        return sb.ToString();
    }

    public void Print() => Console.Write(ToString());
}
