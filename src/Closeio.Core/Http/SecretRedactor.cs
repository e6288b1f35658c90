namespace Closeio.Core.Http;

/// <summary>
/// Removes the API key from any text that might reach a user (server messages can echo what they
/// were sent, and exception messages are shown verbatim by PowerShell), in every form it travels
/// in: as given, as the Basic credentials (base64 of <c>key:</c>, with or without padding), as
/// base64 of the key alone, and URL-encoded (upper- or lower-case hex).
/// </summary>
/// <remarks>
/// A form is masked where it stands as a token: not preceded or followed by a letter or digit, so a
/// short key such as <c>xy</c> does not turn "proxy" into "pro***". A form long enough that no prose
/// holds it by chance (<see cref="AnywhereLength"/> characters or more, as every real Close key is)
/// is masked wherever it occurs, even glued to other text, so no real key slips through.
/// </remarks>
public sealed class SecretRedactor
{
    /// <summary>What replaces the key.</summary>
    public const string Mask = "***";

    /// <summary>From this length on, a form is masked even inside a longer word.</summary>
    internal const int AnywhereLength = 12;

    private readonly string[] _forms;

    /// <summary>A redactor for <paramref name="secret"/>; with no secret it changes nothing.</summary>
    public SecretRedactor(string? secret) => _forms = FormsOf(secret);

    /// <summary>The text with every form of the secret masked.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || _forms.Length == 0) return text;
        foreach (var form in _forms) text = RedactForm(text, form);
        return text;
    }

    /// <summary>Whether the text holds any form of the secret (as <see cref="Redact"/> would mask it).</summary>
    public bool Exposes(string? text) => !string.IsNullOrEmpty(text) && Redact(text) != text;

    /// <summary>Every encoding of the key worth looking for, longest first (so a longer form is masked whole).</summary>
    internal static string[] FormsOf(string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return [];
        var forms = new List<string> { secret };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret + ":"));
        var bare = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        foreach (var b in new[] { basic, bare })
        {
            forms.Add(b);
            forms.Add(b.TrimEnd('='));
        }
        foreach (var f in forms.ToArray())
        {
            var escaped = Uri.EscapeDataString(f);
            forms.Add(escaped);
            forms.Add(LowerHex(escaped));
        }
        return forms.Where(f => f.Length > 0).Distinct(StringComparer.Ordinal)
            .OrderByDescending(f => f.Length).ToArray();
    }

    private static string RedactForm(string text, string form)
    {
        var anywhere = form.Length >= AnywhereLength;
        StringBuilder? result = null;
        var copied = 0;
        var at = text.IndexOf(form, StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = at + form.Length;
            if (anywhere || (!IsWordChar(text, at - 1) && !IsWordChar(text, end)))
            {
                result ??= new StringBuilder(text.Length);
                result.Append(text, copied, at - copied).Append(Mask);
                copied = end;
                at = text.IndexOf(form, end, StringComparison.Ordinal);
            }
            else
            {
                at = text.IndexOf(form, at + 1, StringComparison.Ordinal);
            }
        }
        if (result is null) return text;
        return result.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsWordChar(string text, int index) =>
        index >= 0 && index < text.Length && char.IsLetterOrDigit(text[index]);

    private static string LowerHex(string escaped)
    {
        var chars = escaped.ToCharArray();
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] != '%') continue;
            chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
            chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
        }
        return new string(chars);
    }
}
