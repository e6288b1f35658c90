namespace Closeio.Core.Streams;

/// <summary>
/// Reads the connected organization (<c>organization/{id}/</c>, the id from the connection's
/// identity, else from <c>me/</c>) and delivers its <c>memberships</c>: those changed since the
/// bookmark, or all on a run without one.
/// </summary>
internal sealed class MembershipsReader : IStreamReader
{
    private const string MembershipsField = "memberships";

    public async Task ReadAsync(StreamContext context, CancellationToken cancellationToken)
    {
        var organization = context.OrganizationId
            ?? (await context.Client.GetIdentityAsync(cancellationToken).ConfigureAwait(false)).OrganizationId;
        if (string.IsNullOrEmpty(organization))
            throw new InvalidDataException("Close's me/ named no organization, so its memberships cannot be read.");
        var path = context.Definition.Endpoint.Replace("{id}", Uri.EscapeDataString(organization), StringComparison.Ordinal);
        var request = new CloseRequest(HttpMethod.Get, path)
        {
            Query = [new("_fields", MembershipsField)],
            Counters = context.Counters,
        };
        List<JsonElement> items;
        using (var answer = await context.Client.SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (!answer.RootElement.TryGetProperty(MembershipsField, out var memberships) || memberships.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"Close's {path} carried no memberships list.");
            items = memberships.EnumerateArray().Select(m => m.Clone()).ToList();
        }

        await WindowBatch.EmitAsync(context, new RecordAdmission(context), items, cancellationToken).ConfigureAwait(false);
    }
}
