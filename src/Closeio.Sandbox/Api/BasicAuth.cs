using System.Text;

namespace Closeio.Sandbox;

/// <summary>Close's auth: HTTP Basic with the API key as the user name and an empty password.</summary>
internal static class BasicAuth
{
    /// <summary>The API key of a valid <c>Authorization: Basic</c> header (key as user name, empty password).</summary>
    public static bool TryGetKey(string? header, SandboxApiOptions options, out string apiKey)
    {
        apiKey = "";
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        var user = colon < 0 ? decoded : decoded[..colon];
        var password = colon < 0 ? "" : decoded[(colon + 1)..];
        if (password.Length != 0 || !options.IsValidKey(user)) return false;
        apiKey = user;
        return true;
    }
}
