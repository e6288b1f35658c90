namespace Closeio.Sandbox;

/// <summary>
/// Close-looking ids (<c>lead_</c> + 43 base-62 characters). The first six characters encode the
/// object's number in an alphabet that sorts the same way ordinally, so ascending id means ascending
/// number (new objects get higher ids) and an id parses back to its number without a dictionary;
/// the remaining 37 characters are drawn from the organization's seed so different seeds give
/// different ids.
/// </summary>
internal static class CloseId
{
    // ASCII order, so ordinal comparison of ids follows the encoded number.
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int NumberWidth = 6;
    private const int TailWidth = 37;

    public static string Make(string prefix, int seed, int number)
    {
        Span<char> chars = stackalloc char[prefix.Length + NumberWidth + TailWidth];
        prefix.AsSpan().CopyTo(chars);
        var n = number;
        for (var i = NumberWidth - 1; i >= 0; i--)
        {
            chars[prefix.Length + i] = Alphabet[n % 62];
            n /= 62;
        }
        var mix = Mix.Of(seed, PrefixKey(prefix), number);
        // Ten base-62 digits per 64-bit draw: ids are made constantly while rendering, so keep it cheap.
        var bits = 0UL;
        for (var i = 0; i < TailWidth; i++)
        {
            if (i % 10 == 0) bits = mix.NextULong();
            chars[prefix.Length + NumberWidth + i] = Alphabet[(int)(bits % 62)];
            bits /= 62;
        }
        return new string(chars);
    }

    /// <summary>The number encoded in <paramref name="id"/>, or -1 when it is not one of ours.</summary>
    public static int Parse(string prefix, int seed, string? id)
    {
        if (id is null || id.Length != prefix.Length + NumberWidth + TailWidth || !id.StartsWith(prefix, StringComparison.Ordinal))
            return -1;
        var n = 0L;
        for (var i = 0; i < NumberWidth; i++)
        {
            var d = Alphabet.IndexOf(id[prefix.Length + i]);
            if (d < 0) return -1;
            n = n * 62 + d;
        }
        if (n > int.MaxValue) return -1;
        // The tail must match too: an id from another seed is not found here.
        return string.Equals(Make(prefix, seed, (int)n), id, StringComparison.Ordinal) ? (int)n : -1;
    }

    // string.GetHashCode is randomized per process; ids must be stable, so hash the prefix by hand.
    private static long PrefixKey(string prefix)
    {
        long h = 17;
        foreach (var c in prefix) h = h * 31 + c;
        return h;
    }
}
