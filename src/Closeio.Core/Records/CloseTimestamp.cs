namespace Closeio.Core.Records;

/// <summary>
/// Parses every timestamp style Close (and tap-closeio state) uses into a UTC
/// <see cref="DateTimeOffset"/>, and formats the single canonical text form
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>.
/// </summary>
/// <remarks>
/// Accepted: <c>2024-05-01T10:00:00.000000+00:00</c>, naive <c>2019-01-15T12:48:23.395000</c>
/// (read as UTC, which is what Close means), <c>...Z</c>, any other offset (converted to UTC), and a
/// bare date <c>2024-05-01</c> (midnight UTC). The fraction may have 0 to 7 digits. A space is
/// accepted in place of the <c>T</c>. Anything else is rejected rather than guessed at.
/// The canonical form is fixed width, so canonical strings also sort in time order.
/// </remarks>
public static class CloseTimestamp
{
    private const string CanonicalFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    private const string FilterFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'";
    private const string SearchFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Parses <paramref name="s"/>; returns false (and <c>default</c>) when it is not a Close timestamp.</summary>
    /// <param name="s">The text to parse; null or empty is rejected.</param>
    /// <param name="utc">The instant, with a zero offset.</param>
    public static bool TryParse(string? s, out DateTimeOffset utc)
    {
        utc = default;
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        var text = s.AsSpan().Trim();
        var reader = new Reader(text);

        if (!reader.Digits(4, out var year) || !reader.Expect('-') ||
            !reader.Digits(2, out var month) || !reader.Expect('-') ||
            !reader.Digits(2, out var day))
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (reader.AtEnd)
        {
            utc = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return true;
        }

        if (!(reader.Expect('T') || reader.Expect('t') || reader.Expect(' ')))
        {
            return false;
        }

        if (!reader.Digits(2, out var hour) || !reader.Expect(':') ||
            !reader.Digits(2, out var minute) || !reader.Expect(':') ||
            !reader.Digits(2, out var second))
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long fractionTicks = 0;
        if (reader.Expect('.'))
        {
            var digits = reader.DigitRun(out var fraction);
            if (digits is < 1 or > 7)
            {
                return false;
            }

            // Scale the fraction to 100-nanosecond ticks (7 digits).
            for (var i = digits; i < 7; i++)
            {
                fraction *= 10;
            }

            fractionTicks = fraction;
        }

        var offset = TimeSpan.Zero;
        if (reader.Expect('Z') || reader.Expect('z'))
        {
            // UTC, nothing to adjust.
        }
        else if (!reader.AtEnd)
        {
            var sign = reader.Peek;
            if (sign != '+' && sign != '-')
            {
                return false;
            }

            reader.Skip();
            if (!reader.Digits(2, out var offsetHours))
            {
                return false;
            }

            reader.Expect(':');
            if (!reader.Digits(2, out var offsetMinutes) || offsetMinutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (offset > TimeSpan.FromHours(14))
            {
                return false;
            }

            if (sign == '-')
            {
                offset = -offset;
            }
        }

        if (!reader.AtEnd)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified)
            .AddTicks(fractionTicks);
        var ticks = local.Ticks - offset.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>Parses <paramref name="s"/> or throws.</summary>
    /// <exception cref="FormatException">The text is not a timestamp in any style Close uses.</exception>
    public static DateTimeOffset Parse(string s)
    {
        if (TryParse(s, out var utc))
        {
            return utc;
        }

        throw new FormatException(
            $"'{s}' is not a Close timestamp. Expected ISO 8601 such as 2024-05-01T10:00:00.000000+00:00, " +
            "2024-05-01T10:00:00Z, 2024-05-01T10:00:00 (UTC) or 2024-05-01.");
    }

    /// <summary>
    /// Formats <paramref name="t"/> in UTC as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (microseconds,
    /// fixed width, invariant culture whatever the current culture is).
    /// </summary>
    public static string Format(DateTimeOffset t) =>
        t.UtcDateTime.ToString(CanonicalFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats <paramref name="t"/> as Close's documentation writes instants in date filters and
    /// search values: UTC with an explicit offset, <c>yyyy-MM-ddTHH:mm:ss.ffffff+00:00</c>. Every
    /// filter the client sends uses this; records keep the canonical <see cref="Format"/> text.
    /// </summary>
    public static string FormatForFilter(DateTimeOffset t) =>
        t.UtcDateTime.ToString(FilterFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats <paramref name="t"/> for an Advanced Filtering moment (<c>fixed_utc</c>) as JavaScript's
    /// <c>toISOString()</c> does, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>: Close is reported to refuse the
    /// microsecond <c>+00:00</c> form there with a 400. Records carry microseconds, so the instant is
    /// rounded down to the millisecond, or up when <paramref name="roundUp"/> (for an exclusive upper
    /// bound); the caller drops what falls outside its exact bounds. Date filters of list endpoints
    /// keep <see cref="FormatForFilter"/>.
    /// </summary>
    public static string FormatForSearch(DateTimeOffset t, bool roundUp = false)
    {
        var ticks = t.UtcTicks;
        var below = ticks % TimeSpan.TicksPerMillisecond;
        ticks -= below;
        if (roundUp && below != 0) ticks += TimeSpan.TicksPerMillisecond;
        return new DateTime(ticks, DateTimeKind.Utc).ToString(SearchFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>A forward-only cursor over the text; keeps the parser free of index arithmetic.</summary>
    private ref struct Reader
    {
        private readonly ReadOnlySpan<char> _text;
        private int _pos;

        public Reader(ReadOnlySpan<char> text)
        {
            _text = text;
            _pos = 0;
        }

        public readonly bool AtEnd => _pos >= _text.Length;

        public readonly char Peek => AtEnd ? '\0' : _text[_pos];

        public void Skip() => _pos++;

        public bool Expect(char c)
        {
            if (AtEnd || _text[_pos] != c)
            {
                return false;
            }

            _pos++;
            return true;
        }

        public bool Digits(int count, out int value)
        {
            value = 0;
            if (_pos + count > _text.Length)
            {
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                var c = _text[_pos + i];
                if (c is < '0' or > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            _pos += count;
            return true;
        }

        /// <summary>Reads every consecutive ASCII digit (at most 8 are accumulated); returns how many.</summary>
        public int DigitRun(out long value)
        {
            value = 0;
            var count = 0;
            while (!AtEnd && _text[_pos] is >= '0' and <= '9')
            {
                if (count < 8)
                {
                    value = (value * 10) + (_text[_pos] - '0');
                }

                count++;
                _pos++;
            }

            return count;
        }
    }
}
