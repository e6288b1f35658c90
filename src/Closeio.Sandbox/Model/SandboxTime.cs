using System.Globalization;

namespace Closeio.Sandbox;

/// <summary>
/// Times are stored as UTC ticks truncated to whole microseconds, because Close renders six
/// fractional digits: two objects that look equal in JSON must also compare equal here.
/// </summary>
internal static class SandboxTime
{
    public const long TicksPerMicrosecond = 10;

    public static long Truncate(long ticks) => ticks - ticks % TicksPerMicrosecond;

    public static long Ticks(DateTimeOffset t) => Truncate(t.UtcTicks);

    public static DateTimeOffset ToOffset(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>Close's usual style: <c>2024-05-01T10:00:00.123456+00:00</c>.</summary>
    public static string Format(long ticks) =>
        new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    public static string FormatDate(long ticks) =>
        new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
