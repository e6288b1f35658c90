using Closeio.Core.Tests.Sync;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// Close refuses a search whose <c>_fields</c> names too many selectors (about 80 known to work, about
/// 140 known to fail; the Sandbox refuses above 100), and a selector of a custom field deleted while
/// a sync runs. Neither may fail the run or cost a lead or a custom value.
/// </summary>
public sealed class SearchFieldsLimitTests
{
    /// <summary>Counts the selectors of every search; can delete a custom field before the n-th search.</summary>
    private sealed class SearchWatcher(SandboxApi api, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _searches;

        public ConcurrentQueue<int> SelectorCounts { get; } = new();

        public int DeleteBeforeSearch { get; set; }

        public string? FieldToDelete { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/data/search/", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref _searches) == DeleteBeforeSearch && FieldToDelete is not null)
                    api.Organization.DeleteCustomField(FieldToDelete);
                var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                if (body?["_fields"]?["lead"] is JsonArray names) SelectorCounts.Enqueue(names.Count);
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private static SyncRequest Leads(int pageSize = 10) => new()
    {
        Streams = ["leads"],
        StartDate = SyncDriver.From().StartDate,
        Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { ["leads"] = pageSize } },
    };

    /// <summary>An organization with <paramref name="extra"/> more lead custom fields, every lead holding values for them.</summary>
    private static SandboxHarness WithManyFields(int extra, Func<SandboxApi, HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        var h = SandboxHarness.Create(new SandboxOptions { Leads = 25, Activities = 10, Tasks = 5 }, wrap: wrap);
        for (var i = 0; i < extra; i++) h.Organization.CreateCustomField("lead");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var id in h.Organization.Leads().Select(l => l.Id).ToList())
        {
            h.Clock.Advance(TimeSpan.FromMilliseconds(3));
            h.Organization.UpdateLead(id);
        }

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        return h;
    }

    /// <summary>(lead id, custom field id) of every custom value the organization holds for its leads.</summary>
    private static HashSet<(string, string)> CustomValues(SandboxOrganization org) =>
        org.Leads().SelectMany(l => l.Render().Where(p => p.Key.StartsWith("custom.", StringComparison.Ordinal) && p.Value is not null)
            .Select(p => (l.Id, p.Key["custom.".Length..]))).ToHashSet();

    /// <summary>(lead id, custom field id) of every custom value delivered, found by the field's column name.</summary>
    private static HashSet<(string, string)> Delivered(SandboxOrganization org, IEnumerable<Closeio.Core.Records.Record> records)
    {
        var fields = new[] { "lead", "shared" }.SelectMany(org.CustomFields).Select(cf => (cf.Id, Name: (string)cf.Render()["name"]!)).ToList();
        var got = new HashSet<(string, string)>();
        foreach (var r in records)
        {
            foreach (var (id, name) in fields)
            {
                if ((r.TryGetValue(name, out var v) || r.TryGetValue($"{name} ({id})", out v)) && v is not null) got.Add((r.Id, id));
            }
        }

        return got;
    }

    [Fact]
    public void A_sync_of_an_organization_with_140_custom_fields_keeps_each_search_to_80_selectors_and_loses_no_value()
    {
        SearchWatcher? watcher = null;
        using var h = WithManyFields(140, (api, inner) => watcher = new SearchWatcher(api, inner));

        var run = SyncDriver.Run(h, Leads());

        Assert.Empty(run.Errors);
        Assert.Equal(FullSyncTests.Expected(h.Organization, "leads").Select(p => p.Id).Order(), run.Records.Select(r => r.Id).Order());
        Assert.NotEmpty(watcher!.SelectorCounts);
        Assert.All(watcher.SelectorCounts, n => Assert.InRange(n, 1, 80));
        var expected = CustomValues(h.Organization);
        Assert.True(expected.Count > 25 * 80, $"only {expected.Count} custom values");
        Assert.Empty(expected.Except(Delivered(h.Organization, run.Records)));
    }

    [Fact]
    public void Get_CloseioLead_reads_every_custom_value_of_an_organization_with_140_custom_fields()
    {
        SearchWatcher? watcher = null;
        using var h = WithManyFields(140, (api, inner) => watcher = new SearchWatcher(api, inner));

        var leads = new LeadQuery().Run(new QueryContext(h.Connection), CancellationToken.None).ToList();

        Assert.Equal(h.Organization.Leads().Count(), leads.Count);
        Assert.All(watcher!.SelectorCounts, n => Assert.InRange(n, 1, 80));
        Assert.Empty(CustomValues(h.Organization).Except(Delivered(h.Organization, leads)));
    }

    [Fact]
    public void A_custom_field_deleted_during_a_sync_is_dropped_with_a_warning_and_no_lead_is_lost()
    {
        SearchWatcher? watcher = null;
        using var h = SandboxHarness.Create(new SandboxOptions { Leads = 40, Activities = 10, Tasks = 5 },
            wrap: (api, inner) => watcher = new SearchWatcher(api, inner));
        var field = h.Organization.CustomFields("lead").First().Id;
        watcher!.FieldToDelete = field;
        watcher.DeleteBeforeSearch = 3;

        var run = SyncDriver.Run(h, Leads(pageSize: 5));

        Assert.Empty(run.Errors);
        Assert.Contains(run.Warnings, w => w.Message.Contains(field, StringComparison.Ordinal));
        Assert.Equal(FullSyncTests.Expected(h.Organization, "leads").Select(p => p.Id).Order(), run.Records.Select(r => r.Id).Order());
        Assert.Equal("completed", run.Summaries.Single().Outcome);
    }
}
