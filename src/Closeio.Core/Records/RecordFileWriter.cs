namespace Closeio.Core.Records;

/// <summary>Opens record files for appending.</summary>
public static class RecordFileWriter
{
    /// <summary>Opens.</summary>
    public static IRecordFileWriter Open(string path, RecordFileFormat format, IReadOnlyList<string> columns) =>
        throw new NotImplementedException();
}
