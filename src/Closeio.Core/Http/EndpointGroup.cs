namespace Closeio.Core.Http;

/// <summary>
/// Names the rate-limit group of a request: method plus path with object ids replaced by
/// <c>{id}</c>, e.g. <c>GET lead/{id}/</c>. Close limits per group, so the client tracks per group.
/// </summary>
internal static class EndpointGroup
{
    /// <summary>The group of <paramref name="method"/> on a normalized relative path.</summary>
    public static string For(string method, string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsId(segments[i])) segments[i] = "{id}";
        }
        return $"{method} {string.Join('/', segments)}";
    }

    // Close's fixed path segments are lower-case words joined by underscores (custom_field,
    // status_change, task_completed); ids carry digits or capitals (lead_4Xk..., cf_9a...), so
    // anything else is treated as an id. The length rule catches an all-lower-case generated id.
    private static bool IsId(string segment)
    {
        if (segment.Length == 0) return false;
        if (segment.Length > 24 && segment.Contains('_')) return true;
        foreach (var c in segment)
        {
            if (c is not ((>= 'a' and <= 'z') or '_')) return true;
        }
        return false;
    }
}
