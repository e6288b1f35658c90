namespace Closeio.Core.Queries;

/// <summary>How query parameters are written for Close.</summary>
internal static class QueryText
{
    internal static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks that a range is not empty before any request is made.</summary>
    internal static void CheckRange(DateTimeOffset? after, DateTimeOffset? before, string afterName, string beforeName)
    {
        if (after is { } a && before is { } b && b <= a)
            throw new ArgumentException(
                $"-{beforeName} ({CloseTimestamp.Format(b)}) must be later than -{afterName} ({CloseTimestamp.Format(a)}).");
    }
}
