namespace Closeio.Core.Http;

/// <summary>
/// What a failed answer's body said: Close's error text (<c>error</c>, or <c>errors</c> /
/// <c>field-errors</c> summarized) and a legacy <c>rate_reset</c> (top level or inside <c>error</c>).
/// Missing, empty or non-JSON bodies are tolerated: both parts are then null.
/// </summary>
internal sealed record CloseErrorBody(string? Message, TimeSpan? RateReset)
{
    private static readonly CloseErrorBody None = new(null, null);

    // Error bodies are small; a cap keeps a misbehaving proxy's page from being read whole.
    private const int MaxBytes = 64 * 1024;

    /// <summary>Reads and interprets an error answer's body; never throws for bad content.</summary>
    public static async Task<CloseErrorBody> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[8192];
                int read;
                while (buffer.Length < MaxBytes
                       && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                }
                bytes = buffer.ToArray();
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            return None; // the status alone still tells what happened
        }
        return Parse(bytes);
    }

    /// <summary>Interprets a body already in memory.</summary>
    public static CloseErrorBody Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return None;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? Interpret(doc.RootElement) : None;
        }
        catch (JsonException)
        {
            return None;
        }
    }

    private static CloseErrorBody Interpret(JsonElement root)
    {
        var parts = new List<string>();
        var rateReset = Number(root, "rate_reset");
        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String) Add(parts, error.GetString());
            else if (error.ValueKind == JsonValueKind.Object)
            {
                Add(parts, Text(error, "message") ?? Text(error, "error"));
                rateReset ??= Number(error, "rate_reset");
            }
        }
        if (root.TryGetProperty("errors", out var errors))
        {
            if (errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray()) Add(parts, Flatten(e));
            }
            else Add(parts, Flatten(errors));
        }
        if (root.TryGetProperty("field-errors", out var fieldErrors) && fieldErrors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fieldErrors.EnumerateObject()) Add(parts, $"{field.Name}: {Flatten(field.Value)}");
        }
        var message = parts.Count == 0 ? null : string.Join("; ", parts);
        return new CloseErrorBody(message, RateLimitStatus.Seconds(rateReset));
    }

    private static void Add(List<string> parts, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text)) parts.Add(text.Trim());
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String => RateLimitStatus.ParseNumber(v.GetString()),
            _ => null,
        };
    }

    // Validation answers nest messages in lists and objects; a single readable line is enough.
    private static string Flatten(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Array => string.Join(", ", e.EnumerateArray().Select(Flatten)),
        JsonValueKind.Object => string.Join(", ", e.EnumerateObject().Select(p => $"{p.Name}: {Flatten(p.Value)}")),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => e.GetRawText(),
    };
}
