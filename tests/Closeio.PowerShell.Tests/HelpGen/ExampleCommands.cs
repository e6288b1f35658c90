using System.Text;
using System.Text.RegularExpressions;

namespace Closeio.PowerShell.Tests.HelpGen;

/// <summary>
/// Finds the calls of the module's cmdlets in example code, with the parameter names and simple
/// values they pass, so that a test can check every example against the compiled cmdlets. A small
/// scanner, not a PowerShell parser: it follows quotes, brackets and backtick line continuations,
/// and reads only what is at the call's own level (not inside (...), {...} or $(...)).
/// </summary>
public static class ExampleCommands
{
    public sealed record Argument(string Name, IReadOnlyList<string> Values);

    public sealed record Call(string Cmdlet, IReadOnlyList<Argument> Arguments, string Text);

    private static readonly Regex CmdletName = new(@"(?<![\w-])(?<name>[A-Z][a-z]+-Closeio[A-Za-z]*)(?![\w-])", RegexOptions.Compiled);

    public static IReadOnlyList<Call> Find(string code)
    {
        code = Regex.Replace(code.Replace("\r\n", "\n"), @"(?m)^\s*#.*$", ""); // comments
        // Names inside quoted strings are text, not calls.
        var quoted = new bool[code.Length];
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] is not ('\'' or '"')) continue;
            var close = code.IndexOf(code[i], i + 1);
            if (close < 0) close = code.Length - 1;
            for (var j = i; j <= close; j++) quoted[j] = true;
            i = close;
        }
        var calls = new List<Call>();
        foreach (Match m in CmdletName.Matches(code))
        {
            if (quoted[m.Index]) continue;
            var (arguments, end) = ReadArguments(code, m.Index + m.Length);
            calls.Add(new Call(m.Groups["name"].Value, arguments, code[m.Index..end]));
        }
        return calls;
    }

    private static (List<Argument>, int) ReadArguments(string code, int start)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        var depth = 0;
        var i = start;
        void EndToken()
        {
            if (token.Length > 0) tokens.Add(token.ToString());
            token.Clear();
        }
        for (; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '`' && i + 1 < code.Length && code[i + 1] == '\n') { i++; EndToken(); continue; }
            if (c is '\'' or '"')
            {
                // a quoted string: one token at this level, quotes removed
                var close = code.IndexOf(c, i + 1);
                if (close < 0) close = code.Length - 1;
                if (depth == 0) token.Append(code, i + 1, close - i - 1);
                i = close;
                continue;
            }
            if (c is '(' or '{' or '[') { depth++; if (depth == 1) { EndToken(); token.Append('\u0001'); } continue; }
            if (c is ')' or '}' or ']')
            {
                if (depth == 0) break;
                depth--;
                continue;
            }
            if (depth > 0) continue;
            if (c is '|' or ';' or '\n') break;
            if (c is ' ' or '\t') { EndToken(); continue; }
            if (c == ',') { EndToken(); tokens.Add(","); continue; }
            token.Append(c);
        }
        EndToken();

        // Tokens to arguments: -Name[:value] followed by values (bare words joined by commas).
        var arguments = new List<Argument>();
        for (var t = 0; t < tokens.Count; t++)
        {
            var text = tokens[t];
            if (!Regex.IsMatch(text, @"^-[A-Za-z]")) continue;
            var colon = text.IndexOf(':');
            var name = colon > 0 ? text[1..colon] : text[1..];
            var values = new List<string>();
            if (colon > 0)
            {
                values.Add(text[(colon + 1)..]);
            }
            else
            {
                var expectValue = true;
                while (t + 1 < tokens.Count && !Regex.IsMatch(tokens[t + 1], @"^-[A-Za-z]"))
                {
                    var next = tokens[t + 1];
                    if (next == ",") { expectValue = true; t++; continue; }
                    if (!expectValue) break;
                    values.Add(next);
                    expectValue = false;
                    t++;
                }
            }
            arguments.Add(new Argument(name, values));
        }
        return (arguments, i);
    }
}
