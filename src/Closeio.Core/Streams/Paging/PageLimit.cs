namespace Closeio.Core.Streams;

/// <summary>
/// The page sizes the client asks for are the ones known to work (close-api.md), but Close answers 400
/// to a <c>_limit</c> above a resource's maximum, and that maximum is not documented for every
/// resource. So a pager that meets a 400 which may be about its page size asks that page once more
/// with a smaller one, and keeps it.
/// </summary>
internal static class PageLimit
{
    /// <summary>The size tried after a refusal when the error names none.</summary>
    public const int Fallback = 100;

    /// <summary>
    /// The smaller <c>_limit</c> to ask a refused page with, or null when the refusal is not about
    /// the page size: a 400 whose text mentions the limit, or any 400 to a limit above
    /// <see cref="Fallback"/> (unless its text is plainly about a cursor or <c>_skip</c>). The size is
    /// the largest number in the error text ("less than or equal to 100", "between 1 and 50") when it
    /// is below <paramref name="limit"/>, else <see cref="Fallback"/> when that is.
    /// </summary>
    /// <param name="e">The refusal.</param>
    /// <param name="limit">The <c>_limit</c> the refused page asked for.</param>
    /// <param name="onlyWhenNamed">
    /// Only a refusal whose text mentions the limit counts (a search page sent with a cursor: a plain
    /// 400 there means an expired cursor far more likely, and the first page already tried the size).
    /// </param>
    public static int? Smaller(CloseApiException e, int limit, bool onlyWhenNamed = false)
    {
        if (e.StatusCode != 400) return null;
        var text = e.CloseError ?? "";
        var aboutLimit = text.Contains("limit", StringComparison.OrdinalIgnoreCase);
        if (!aboutLimit &&
            (onlyWhenNamed || limit <= Fallback ||
             text.Contains("cursor", StringComparison.OrdinalIgnoreCase) ||
             text.Contains("skip", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // The maximum the text states is its largest number ("between 1 and 50" says 50, not 1).
        int? stated = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i])) continue;
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (int.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) &&
                (stated is null || n > stated))
            {
                stated = n;
            }
        }

        if (stated is >= 1 && stated < limit) return stated;
        return limit > Fallback ? Fallback : null;
    }
}
