using System.Globalization;
using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// Writes what a client learns about the rate limit: headers on normal answers, and the 429 answer
/// in each of the styles Close has used (see <see cref="RateLimitHintStyle"/>).
/// </summary>
internal sealed class RateLimitHints(SandboxApiOptions options)
{
    private static readonly RateLimitHintStyle[] RotatingStyles =
    [
        RateLimitHintStyle.RateLimitHeader, RateLimitHintStyle.RetryAfter, RateLimitHintStyle.BodyTopLevel,
        RateLimitHintStyle.BodyInError, RateLimitHintStyle.LegacyXRateLimit, RateLimitHintStyle.None,
    ];

    private int _rotation;

    /// <summary>The 429 answer, with the hint of the configured style (or the next style, when rotating).</summary>
    public ApiResponse TooManyRequests(RateLimitDecision d)
    {
        var style = options.HintStyle == RateLimitHintStyle.Rotate
            ? RotatingStyles[(Interlocked.Increment(ref _rotation) - 1) % RotatingStyles.Length]
            : options.HintStyle;
        var window = options.RateLimit?.Window.TotalSeconds ?? 1; // a scripted 429 may come with no limit set
        var message = $"API call count exceeded for this {Seconds(window)} second window.";
        var reset = Seconds(d.ResetSeconds);
        JsonObject body = style switch
        {
            RateLimitHintStyle.BodyTopLevel => new JsonObject
            {
                ["error"] = message, ["rate_reset"] = Round(d.ResetSeconds), ["rate_limit"] = d.Limit, ["rate_window"] = window,
            },
            RateLimitHintStyle.BodyInError => new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = message, ["rate_reset"] = Round(d.ResetSeconds), ["rate_limit"] = d.Limit, ["rate_window"] = window,
                },
            },
            _ => new JsonObject { ["error"] = message },
        };
        var response = ApiResponse.Json(429, body);
        switch (style)
        {
            case RateLimitHintStyle.RateLimitHeader:
                response.Headers.Add(new("RateLimit", RateLimitHeader(d.Limit, 0, reset)));
                break;
            case RateLimitHintStyle.RetryAfter:
                response.Headers.Add(new("Retry-After", ((int)Math.Ceiling(d.ResetSeconds)).ToString(CultureInfo.InvariantCulture)));
                break;
            case RateLimitHintStyle.LegacyXRateLimit:
                AddLegacyHeaders(response, d.Limit, 0, reset);
                break;
        }
        return response;
    }

    /// <summary>Adds the rate-limit headers of the configured style to a normal answer.</summary>
    public void AddTo(ApiResponse response, RateLimitDecision d)
    {
        var reset = Seconds(d.ResetSeconds);
        switch (options.HintStyle)
        {
            case RateLimitHintStyle.None:
                break;
            case RateLimitHintStyle.LegacyXRateLimit:
                AddLegacyHeaders(response, d.Limit, d.Remaining, reset);
                break;
            default:
                response.Headers.Add(new("RateLimit", RateLimitHeader(d.Limit, d.Remaining, reset)));
                break;
        }
    }

    private string RateLimitHeader(int limit, int remaining, string reset) =>
        string.Join(options.RateLimitHeaderSeparator, $"limit={limit}", $"remaining={remaining}", $"reset={reset}");

    private static void AddLegacyHeaders(ApiResponse response, int limit, int remaining, string reset)
    {
        response.Headers.Add(new("X-Rate-Limit-Limit", limit.ToString(CultureInfo.InvariantCulture)));
        response.Headers.Add(new("X-Rate-Limit-Remaining", remaining.ToString(CultureInfo.InvariantCulture)));
        response.Headers.Add(new("X-Rate-Limit-Reset", reset));
    }

    // Never "0": a client told to wait zero seconds would spin.
    private static double Round(double seconds) => Math.Max(0.001, Math.Round(seconds, 3));
    private static string Seconds(double seconds) => Round(seconds).ToString("0.###", CultureInfo.InvariantCulture);
}
