namespace Closeio.Core.Http;

/// <summary>
/// Removes the API key from any text that might reach a user (server messages can echo what they
/// were sent, and exception messages are shown verbatim by PowerShell).
/// </summary>
internal sealed class SecretRedactor(string secret)
{
    private const string Mask = "***";

    /// <summary>The text with every occurrence of the secret masked.</summary>
    public string? Redact(string? text) =>
        string.IsNullOrEmpty(text) || string.IsNullOrEmpty(secret) || !text.Contains(secret, StringComparison.Ordinal)
            ? text
            : text.Replace(secret, Mask, StringComparison.Ordinal);
}
