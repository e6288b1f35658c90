namespace Closeio.Core.Streams;

/// <summary>
/// Short names for the stream definitions' field tables (<c>using static</c>), so each table reads one
/// field per line: <c>F("id", Str, "Lead id.")</c>.
/// </summary>
internal static class FieldTable
{
    public const string Str = StreamFieldType.String;
    public const string Time = StreamFieldType.DateTime;
    public const string Int = StreamFieldType.Integer;
    public const string Num = StreamFieldType.Number;
    public const string Bool = StreamFieldType.Boolean;
    public const string Arr = StreamFieldType.Array;
    public const string Obj = StreamFieldType.Object;

    /// <summary>A schema field.</summary>
    public static StreamField F(string name, string type, string description) => new(name, type, description);
}
