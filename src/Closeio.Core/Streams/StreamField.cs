namespace Closeio.Core.Streams;

/// <summary>One field of a stream's schema: its name as Close spells it, its JSON type, and what it holds.</summary>
/// <param name="Name">The field's key in Close's JSON (for example <c>date_updated</c>).</param>
/// <param name="JsonType">One of the <see cref="StreamFieldType"/> names.</param>
/// <param name="Description">A short human description.</param>
public sealed record StreamField(string Name, string JsonType, string Description)
{
    /// <summary>True when the field holds an instant, which records carry in canonical timestamp text.</summary>
    public bool IsDateTime => JsonType == StreamFieldType.DateTime;

    /// <summary>
    /// True for a timestamp field that Close sometimes fills with a bare date (a task's <c>date</c> when it
    /// is all-day): its schema cannot promise the date-time format.
    /// </summary>
    public bool MayBeBareDate { get; init; }
}

/// <summary>The JSON type names used by <see cref="StreamField.JsonType"/>.</summary>
public static class StreamFieldType
{
    /// <summary>Text.</summary>
    public const string String = "string";
    /// <summary>A timestamp (text in the canonical <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> form once shaped).</summary>
    public const string DateTime = "date-time";
    /// <summary>A whole number.</summary>
    public const string Integer = "integer";
    /// <summary>Any number.</summary>
    public const string Number = "number";
    /// <summary>true or false.</summary>
    public const string Boolean = "boolean";
    /// <summary>A list (a <c>RecordList</c> once shaped).</summary>
    public const string Array = "array";
    /// <summary>An object (a <c>RecordMap</c> once shaped).</summary>
    public const string Object = "object";
}
