using System.Text.Json;
using Closeio.Core.Streams;

namespace Closeio.Core.Records;

/// <summary>Fixes the columns of one stream for one run and turns Close's JSON objects into records.</summary>
public sealed class RecordShaper
{
    /// <summary>Creates a shaper.</summary>
    public RecordShaper(StreamDefinition stream, IReadOnlyList<CustomFieldDefinition> customFields,
        IReadOnlyList<string>? properties = null) => throw new NotImplementedException();

    /// <summary>The stream.</summary>
    public StreamDefinition Stream => throw new NotImplementedException();

    /// <summary>Columns.</summary>
    public IReadOnlyList<string> Columns => throw new NotImplementedException();

    /// <summary>Server fields.</summary>
    public IReadOnlyList<string>? ServerFields => throw new NotImplementedException();

    /// <summary>Shapes.</summary>
    public Record Shape(JsonElement closeObject) => throw new NotImplementedException();

    /// <summary>Shapes with supplied values.</summary>
    public Record Shape(JsonElement closeObject, IReadOnlyDictionary<string, object?>? supplied) => throw new NotImplementedException();
}
