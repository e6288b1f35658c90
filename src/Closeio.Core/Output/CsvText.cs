namespace Closeio.Core.Output;

/// <summary>RFC 4180 field quoting and header parsing.</summary>
internal static class CsvText
{
    /// <summary>Appends <paramref name="field"/>, quoted when it holds a comma, a quote or a line break.</summary>
    public static void AppendField(StringBuilder line, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(field);
            return;
        }

        line.Append('"');
        foreach (var c in field)
        {
            if (c == '"')
                line.Append('"');
            line.Append(c);
        }

        line.Append('"');
    }

    /// <summary>
    /// Reads the first record of CSV text (the header), which may contain quoted commas and line
    /// breaks. Returns the fields and the number of characters the record took, or null when the
    /// text ends before the record does.
    /// </summary>
    public static (List<string> Fields, int Length)? ReadFirstRecord(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
                else
                    quoted = false;
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                fields.Add(field.ToString());
                var length = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
                return (fields, length);
            }
            else
            {
                field.Append(c);
            }
        }

        return null;
    }
}
