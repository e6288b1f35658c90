namespace Closeio.Core.Streams;

/// <summary>One stream of the catalog, as Get-CloseioStream shows it.</summary>
public sealed class StreamDescription
{
    /// <summary>The stream's name (<c>leads</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What the stream holds.</summary>
    public required string Description { get; init; }

    /// <summary>The properties that identify a record.</summary>
    public required IReadOnlyList<string> KeyProperties { get; init; }

    /// <summary>KeyBasedIncremental or AppendOnlyIncremental.</summary>
    public required string ReplicationMethod { get; init; }

    /// <summary>The property whose value is the bookmark; null for a full-table stream, which has none.</summary>
    public required string? ReplicationKey { get; init; }

    /// <summary>The HTTP method and path the stream is read from.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The type name its records carry in PowerShell (<c>Closeio.Lead</c>).</summary>
    public required string TypeName { get; init; }

    /// <summary>The properties of its records, in column order, custom fields included when connected.</summary>
    public required IReadOnlyList<StreamProperty> Properties { get; init; }

    /// <summary>The stream's name.</summary>
    public override string ToString() => Name;
}
