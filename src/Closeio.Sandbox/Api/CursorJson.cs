using System.Text.Json;

namespace Closeio.Sandbox;

/// <summary>Serializer settings for the emulator's opaque cursors.</summary>
internal static class CursorJson
{
    public static JsonSerializerOptions Options { get; } = new() { IncludeFields = false };
}
