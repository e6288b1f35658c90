namespace Closeio.Core.Http;

/// <summary>Reads the answer of <c>GET me/</c> into a <see cref="CloseIdentity"/>.</summary>
internal static class CloseIdentityReader
{
    /// <summary>
    /// The user and organization. The organization is <c>organization_id</c> when present (the key's
    /// own organization), else the first of <c>organizations</c>; its name comes from that list.
    /// </summary>
    public static CloseIdentity Read(JsonElement me)
    {
        if (me.ValueKind != JsonValueKind.Object)
            throw new JsonException("The answer of me/ is not a JSON object.");
        var userId = Text(me, "id") ?? throw new JsonException("The answer of me/ has no user id.");
        var email = Text(me, "email") ?? "";
        var fullName = $"{Text(me, "first_name")} {Text(me, "last_name")}".Trim();
        var userName = fullName.Length > 0 ? fullName : Text(me, "display_name") ?? email;

        var orgId = Text(me, "organization_id");
        string? orgName = null;
        if (me.TryGetProperty("organizations", out var orgs) && orgs.ValueKind == JsonValueKind.Array)
        {
            foreach (var org in orgs.EnumerateArray())
            {
                if (org.ValueKind != JsonValueKind.Object) continue;
                var id = Text(org, "id");
                if (orgId is null || id == orgId)
                {
                    orgId ??= id;
                    orgName = Text(org, "name");
                    break;
                }
            }
        }
        return new CloseIdentity(userId, userName, email, orgId ?? "", orgName ?? orgId ?? "");
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
