namespace Closeio.Core.Tests.State;

public class CloseTimestampTests
{
    [Theory]
    [InlineData("2024-05-01T10:00:00.000000+00:00", "2024-05-01T10:00:00.000000Z")]
    [InlineData("2019-01-15T12:48:23.395000", "2019-01-15T12:48:23.395000Z")]
    [InlineData("2024-01-02T03:04:05.000000Z", "2024-01-02T03:04:05.000000Z")]
    [InlineData("2024-01-02T03:04:05Z", "2024-01-02T03:04:05.000000Z")]
    [InlineData("2024-01-02T03:04:05z", "2024-01-02T03:04:05.000000Z")]
    [InlineData("2024-05-01", "2024-05-01T00:00:00.000000Z")]
    [InlineData("2024-05-01 10:00:00", "2024-05-01T10:00:00.000000Z")]
    [InlineData("  2024-05-01T10:00:00Z  ", "2024-05-01T10:00:00.000000Z")]
    public void Every_Close_style_parses_to_the_same_utc_instant(string text, string canonical)
    {
        Assert.True(CloseTimestamp.TryParse(text, out var t));
        Assert.Equal(TimeSpan.Zero, t.Offset);
        Assert.Equal(canonical, CloseTimestamp.Format(t));
    }

    [Theory]
    [InlineData("2024-05-01T12:00:00+02:00", "2024-05-01T10:00:00.000000Z")]
    [InlineData("2024-05-01T12:00:00+0200", "2024-05-01T10:00:00.000000Z")]
    [InlineData("2024-05-01T05:30:00-04:30", "2024-05-01T10:00:00.000000Z")]
    [InlineData("2024-01-01T01:00:00.5+05:00", "2023-12-31T20:00:00.500000Z")]
    [InlineData("2024-12-31T23:00:00-01:00", "2025-01-01T00:00:00.000000Z")]
    public void Other_offsets_are_converted_to_utc(string text, string canonical)
    {
        Assert.Equal(canonical, CloseTimestamp.Format(CloseTimestamp.Parse(text)));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00", 0L)]
    [InlineData("2024-05-01T10:00:00.1", 1_000_000L)]
    [InlineData("2024-05-01T10:00:00.12", 1_200_000L)]
    [InlineData("2024-05-01T10:00:00.123", 1_230_000L)]
    [InlineData("2024-05-01T10:00:00.1234", 1_234_000L)]
    [InlineData("2024-05-01T10:00:00.12345", 1_234_500L)]
    [InlineData("2024-05-01T10:00:00.123456", 1_234_560L)]
    [InlineData("2024-05-01T10:00:00.1234567", 1_234_567L)]
    public void Zero_to_seven_fraction_digits_keep_their_precision(string text, long ticksAfterSecond)
    {
        var t = CloseTimestamp.Parse(text);
        var second = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(ticksAfterSecond, (t - second).Ticks);
    }

    [Fact]
    public void The_same_instant_in_three_styles_compares_equal_although_the_strings_do_not()
    {
        var a = CloseTimestamp.Parse("2024-05-01T10:00:00.000000+00:00");
        var b = CloseTimestamp.Parse("2024-05-01T10:00:00");
        var c = CloseTimestamp.Parse("2024-05-01T10:00:00.000Z");
        Assert.Equal(a, b);
        Assert.Equal(b, c);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-5-1")]
    [InlineData("2024-05-01T")]
    [InlineData("2024-05-01T24:00:00")]
    [InlineData("2024-05-01T10:60:00")]
    [InlineData("2024-05-01T10:00")]
    [InlineData("2024-05-01T10:00:00.")]
    [InlineData("2024-05-01T10:00:00.12345678")]
    [InlineData("2024-05-01T10:00:00+25:00")]
    [InlineData("2024-05-01T10:00:00+02:60")]
    [InlineData("2024-05-01T10:00:00 UTC")]
    [InlineData("2024-05-01T10:00:00Zjunk")]
    [InlineData("01/05/2024 10:00:00")]
    [InlineData("1714557600")]
    public void Invalid_input_is_rejected_not_guessed(string? text)
    {
        Assert.False(CloseTimestamp.TryParse(text, out var t));
        Assert.Equal(default, t);
    }

    [Fact]
    public void Parse_names_the_bad_input_in_its_error()
    {
        var ex = Assert.Throws<FormatException>(() => CloseTimestamp.Parse("last tuesday"));
        Assert.Contains("last tuesday", ex.Message);
    }

    [Fact]
    public void A_leap_day_parses()
    {
        Assert.Equal("2024-02-29T00:00:00.000000Z", CloseTimestamp.Format(CloseTimestamp.Parse("2024-02-29")));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("th-TH")]
    [InlineData("fa-IR")]
    public void Format_is_fixed_width_and_ignores_the_current_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            var t = new DateTimeOffset(2024, 5, 1, 12, 0, 7, TimeSpan.FromHours(2)).AddTicks(1234567);

            Assert.Equal("2024-05-01T10:00:07.123456Z", CloseTimestamp.Format(t));
            Assert.Equal("0001-01-01T00:00:00.000000Z", CloseTimestamp.Format(DateTimeOffset.MinValue));
            Assert.Equal(27, CloseTimestamp.Format(DateTimeOffset.MaxValue).Length);
            Assert.Equal(t.AddTicks(-7), CloseTimestamp.Parse(CloseTimestamp.Format(t)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Canonical_text_sorts_in_time_order()
    {
        var instants = new[]
        {
            new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(10),
            new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.FromHours(-5)),
            new DateTimeOffset(999, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2023, 12, 31, 23, 59, 59, TimeSpan.Zero),
        };

        var byText = instants.Select(CloseTimestamp.Format).Order(StringComparer.Ordinal).ToArray();
        var byTime = instants.Order().Select(CloseTimestamp.Format).ToArray();
        Assert.Equal(byTime, byText);
    }
}
