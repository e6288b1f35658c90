using Closeio.Core.Tests.Sync;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// Close documents that a search result is only <c>{"__object_type": "lead", "id": ...}</c>; the
/// <c>_fields</c> dict is known from third-party code only. A server that ignores it must not break the
/// leads stream: each lead is read in full by id.
/// </summary>
public sealed class SearchWithoutFieldsTests
{
    /// <summary>Strips every field but <c>id</c> and <c>__object_type</c> from data/search answers.</summary>
    private static AnswerRewriter IdsOnlySearch(HttpMessageHandler inner) => new(inner,
        request => request.RequestUri!.AbsolutePath.EndsWith("/data/search/", StringComparison.Ordinal),
        json =>
        {
            if (json["data"] is not JsonArray data) return false;
            foreach (var item in data.OfType<JsonObject>())
            {
                foreach (var name in item.Select(p => p.Key).Where(k => k is not "id" and not "__object_type").ToList())
                    item.Remove(name);
            }

            return true;
        });

    private static string Text(Closeio.Core.Records.Record r) => string.Join("|", r.Select(p => $"{p.Key}={p.Value}"));

    [Fact]
    public void The_leads_stream_reads_each_lead_by_id_when_search_ignores_fields()
    {
        AnswerRewriter? idsOnly = null;
        using var h = SandboxHarness.Create(wrap: (_, inner) => idsOnly = IdsOnlySearch(inner));
        using var plain = SandboxHarness.Create();
        var request = new SyncRequest
        {
            Streams = ["leads"],
            StartDate = SyncDriver.From().StartDate,
            Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { ["leads"] = 7 } },
        };

        var run = SyncDriver.Run(h, request);
        var reference = SyncDriver.Run(plain, request);

        Assert.Empty(run.Errors);
        Assert.True(idsOnly!.Rewritten > 1);
        var expected = FullSyncTests.Expected(h.Organization, "leads").OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, run.Of("leads").Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal));
        // Delivered in (date_updated, id) order, with the same fields a server honouring _fields gives.
        var leads = run.Of("leads").ToList();
        var sorted = leads.ToList();
        sorted.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : string.CompareOrdinal(a.Id, b.Id));
        Assert.Equal(sorted.Select(r => r.Id), leads.Select(r => r.Id));
        Assert.Equal(reference.Of("leads").Select(Text).OrderBy(t => t, StringComparer.Ordinal),
            leads.Select(Text).OrderBy(t => t, StringComparer.Ordinal));
        Assert.All(leads, r => Assert.NotNull(r["display_name"]));
        Assert.Single(run.Events.OfType<LogEvent>(), e => e.Message.Contains("without the fields", StringComparison.Ordinal));

        var second = SyncDriver.Run(h, request);
        Assert.Empty(second.Errors);
        Assert.Empty(second.Of("leads"));
    }

    [Fact]
    public void Get_CloseioLead_reads_each_lead_by_id_when_search_ignores_fields()
    {
        using var h = SandboxHarness.Create(wrap: (_, inner) => IdsOnlySearch(inner));
        var leads = new LeadQuery { Properties = ["display_name"] }.Run(new QueryContext(h.Connection), CancellationToken.None).ToList();

        var expected = FullSyncTests.Expected(h.Organization, "leads").OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, leads.Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal));
        Assert.All(leads, r => Assert.NotNull(r["display_name"]));
    }
}
