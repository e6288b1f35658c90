namespace Closeio.Core.Queries;

/// <summary>
/// Close's ids carry their object's kind (<c>lead_...</c>, <c>oppo_...</c>, <c>cont_...</c>). A query
/// of a lead's children given a lead's id as the child id (a lead piped into Get-CloseioOpportunity or
/// Get-CloseioContact binds its id there) means that lead's children, not a child with that id.
/// </summary>
internal static class LeadIds
{
    /// <summary>The prefix of every lead id.</summary>
    public const string Prefix = "lead_";

    /// <summary>The id to read by, or else the lead whose children to read (trimmed; null when not given).</summary>
    public static (string? Id, string? LeadId) Route(string? id, string? leadId)
    {
        var trimmedId = string.IsNullOrWhiteSpace(id) ? null : id.Trim();
        var trimmedLead = string.IsNullOrWhiteSpace(leadId) ? null : leadId.Trim();
        if (trimmedId is not null && trimmedId.StartsWith(Prefix, StringComparison.Ordinal)) return (null, trimmedId);
        return (trimmedId, trimmedLead);
    }
}
