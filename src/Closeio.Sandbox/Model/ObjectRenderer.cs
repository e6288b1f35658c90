using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>Dispatches a stored state to the renderer of its kind.</summary>
internal static class ObjectRenderer
{
    public static JsonObject Render(SandboxOrganization org, SandboxResource resource, in ObjectState s, bool embedChildren) => resource switch
    {
        SandboxResource.User => DirectoryRenderer.RenderUser(org, s),
        SandboxResource.CustomField => DirectoryRenderer.RenderCustomField(org, s),
        SandboxResource.Lead => LeadRenderer.RenderLead(org, s, embedChildren),
        SandboxResource.Contact => LeadRenderer.RenderContact(org, s),
        SandboxResource.Opportunity => LeadRenderer.RenderOpportunity(org, s),
        SandboxResource.Task => TaskRenderer.Render(org, s),
        SandboxResource.Activity => ActivityRenderer.Render(org, s),
        _ => DirectoryObjectRenderer.Render(org, resource, s),
    };

    public static JsonNode Time(long ticks) => JsonValue.Create(SandboxTime.Format(ticks));
}

/// <summary>Names and references that several renderers show (a lead's name on its tasks, a user's name, ...).</summary>
internal static class Names
{
    public static string User(SandboxOrganization org, int user)
    {
        var (first, last) = UserParts(org, user);
        return $"{first} {last}";
    }

    public static (string First, string Last) UserParts(SandboxOrganization org, int user)
    {
        // Walk the name lists from a seeded offset rather than drawing, so co-workers never share a name.
        var mix = Mix.Of(org.Seed, 10);
        var first = Vocabulary.FirstNames[(mix.Next(Vocabulary.FirstNames.Length) + user) % Vocabulary.FirstNames.Length];
        var last = Vocabulary.LastNames[(mix.Next(Vocabulary.LastNames.Length) + user * 5) % Vocabulary.LastNames.Length];
        return (first, last);
    }

    public static string Domain(SandboxOrganization org) =>
        org.OrganizationName.Split(' ')[0].ToLowerInvariant() + ".example.com";

    public static string UserEmail(SandboxOrganization org, int user)
    {
        var (first, last) = UserParts(org, user);
        return $"{first}.{last}{user}@{Domain(org)}".ToLowerInvariant();
    }

    public static string Lead(SandboxOrganization org, int lead)
    {
        var mix = Mix.Of(org.Seed, 11, lead);
        return $"{mix.Pick(Vocabulary.CompanyWords)} {mix.Pick(Vocabulary.CompanySuffixes)}";
    }

    public static string LeadDomain(SandboxOrganization org, int lead) =>
        Lead(org, lead).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() + lead + ".example.org";

    public static string Contact(SandboxOrganization org, int contact)
    {
        var mix = Mix.Of(org.Seed, 12, contact);
        return $"{mix.Pick(Vocabulary.FirstNames)} {mix.Pick(Vocabulary.LastNames)}";
    }

    public static string ContactEmail(SandboxOrganization org, int contact, int lead) =>
        Contact(org, contact).Replace(' ', '.').ToLowerInvariant() + "@" + LeadDomain(org, lead);

    public static string LeadStatusId(SandboxOrganization org, int status) => CloseId.Make("stat_", org.Seed, status);

    public static string OpportunityStatusId(SandboxOrganization org, int status) => CloseId.Make("stat_", org.Seed, 100 + status);

    /// <summary>The lead status of a lead at a version (changes with updates).</summary>
    public static int LeadStatus(SandboxOrganization org, int lead, int version) =>
        Mix.Of(org.Seed, 13, lead, version).Next(Catalog.LeadStatuses.Length);

    public static int OpportunityStatus(SandboxOrganization org, int opportunity, int version) =>
        Mix.Of(org.Seed, 14, opportunity, version).Next(Catalog.OpportunityStatuses.Length);

    public static void SetUser(JsonObject o, string idKey, string nameKey, SandboxOrganization org, int user)
    {
        o[idKey] = user < 0 ? null : org.IdOf(SandboxResource.User, user);
        o[nameKey] = user < 0 ? null : User(org, user);
    }
}
