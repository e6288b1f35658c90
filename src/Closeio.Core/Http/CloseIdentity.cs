namespace Closeio.Core.Http;

/// <summary>The user and organization behind an API key, from <c>GET me/</c>.</summary>
public sealed record CloseIdentity(string UserId, string UserName, string Email,
    string OrganizationId, string OrganizationName);
