namespace Closeio.Core.Output;

/// <summary>The file formats a sync can write records to.</summary>
public enum RecordFileFormat
{
    /// <summary>Comma-separated values (RFC 4180), UTF-8 without BOM, one header line.</summary>
    Csv,

    /// <summary>One compact JSON object per line (UTF-8).</summary>
    JsonLines,
}
