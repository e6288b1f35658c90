namespace Closeio.Core.Output;

/// <summary>
/// Turns a sync's events into Singer messages, one compact JSON object per line, so that any Singer
/// target can load the output: a SCHEMA message before a stream's first RECORD, a RECORD per record,
/// and STATE messages carrying the profile's bookmarks.
/// </summary>
/// <remarks>
/// The consumer writes each line and, for a RECORD, calls <see cref="SyncSession.Accept"/> once the line
/// is delivered; it writes <see cref="State"/> when <see cref="SyncSession.Checkpoints"/> changed and at
/// the end, so that a STATE line only ever follows the records it covers.
/// </remarks>
public sealed class SingerMessages
{
    private readonly TimeProvider _clock;
    private readonly HashSet<string> _described = new(StringComparer.Ordinal);
    private int _checkpoints;

    /// <summary>Creates the translator; <paramref name="clock"/> gives each RECORD its time_extracted.</summary>
    public SingerMessages(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    /// <summary>The SCHEMA message of a stream whose columns are fixed (from <see cref="StreamShapedEvent"/>).</summary>
    public string Schema(RecordShaper shaper)
    {
        ArgumentNullException.ThrowIfNull(shaper);
        _described.Add(shaper.Stream.Name);
        return Line(w =>
        {
            w.WriteString("type", "SCHEMA");
            w.WriteString("stream", shaper.Stream.Name);
            w.WritePropertyName("schema");
            StreamSchema.Write(w, shaper, includeDialect: false);
            w.WriteStartArray("key_properties");
            foreach (var key in shaper.Stream.KeyProperties) w.WriteStringValue(key);
            w.WriteEndArray();
            w.WriteStartArray("bookmark_properties");
            if (shaper.Stream.ReplicationKey is { } bookmarkKey) w.WriteStringValue(bookmarkKey);
            w.WriteEndArray();
        });
    }

    /// <summary>The RECORD message of <paramref name="record"/>, stamped with the time it was extracted.</summary>
    /// <exception cref="InvalidOperationException">No SCHEMA of the record's stream was produced yet.</exception>
    public string Record(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_described.Contains(record.Stream))
            throw new InvalidOperationException($"A {record.Stream} RECORD would come before the stream's SCHEMA.");
        return Line(w =>
        {
            w.WriteString("type", "RECORD");
            w.WriteString("stream", record.Stream);
            w.WritePropertyName("record");
            RecordJson.WriteValue(w, record);
            w.WriteString("time_extracted", CloseTimestamp.Format(_clock.GetUtcNow()));
        });
    }

    /// <summary>
    /// The STATE message of <paramref name="session"/>'s bookmarks when it made a checkpoint since the last
    /// call (call it after each <see cref="SyncSession.Accept"/>), else null.
    /// </summary>
    public string? StateAfterCheckpoint(SyncSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Checkpoints == _checkpoints) return null;
        _checkpoints = session.Checkpoints;
        return State(session.StateJson());
    }

    /// <summary>The last STATE message of a run: its bookmarks once every record was taken (after <see cref="SyncSession.Complete"/>).</summary>
    public string FinalState(SyncSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _checkpoints = session.Checkpoints;
        return State(session.StateJson());
    }

    /// <summary>The STATE message whose value is <paramref name="stateJson"/> (<see cref="SyncSession.StateJson"/>).</summary>
    public static string State(string stateJson)
    {
        ArgumentNullException.ThrowIfNull(stateJson);
        using var value = JsonDocument.Parse(stateJson);
        return Line(w =>
        {
            w.WriteString("type", "STATE");
            w.WritePropertyName("value");
            value.RootElement.WriteTo(w);
        });
    }

    private static string Line(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, RecordJson.WriterOptions))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
