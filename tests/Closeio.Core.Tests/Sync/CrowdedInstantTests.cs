namespace Closeio.Core.Tests.Sync;

/// <summary>
/// More records at one instant than a page are paged with <c>_skip</c>. Between two pages a record of
/// that instant can leave it (a task is edited, an activity deleted): every later record moves one
/// offset down, so the next page starts one too far. The record that slid under the offset must still
/// be delivered, or the bookmark passes the instant without it.
/// </summary>
public sealed class CrowdedInstantTests
{
    /// <param name="stream">
    /// tasks: a task of the instant is edited (moved to now, past the run's upper bound);
    /// activities: an activity of the instant is deleted.
    /// </param>
    [Theory]
    [InlineData("tasks")]
    [InlineData("activities")]
    public void A_record_leaving_a_crowded_instant_between_pages_does_not_hide_another(string stream)
    {
        var tasks = stream == "tasks";
        InstantChanger? changer = null;
        using var h = SandboxHarness.Create(wrap: (api, inner) => changer = new InstantChanger(tasks ? "/task/" : "/activity/", inner));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var org = h.Organization;
        var lead = org.Leads().First().Id;
        var older = org.Tasks().First().Id;
        Action create = tasks ? () => org.CreateTask(lead, "lead") : () => org.CreateActivity(lead, "Note");
        for (var i = 0; i < 13; i++) create();   // the clock stands still: one instant
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        // A later key, so the bookmark passes the crowded instant.
        if (tasks) org.UpdateTask(older);
        else create();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        changer!.Change = tasks ? id => org.UpdateTask(id) : id => org.DeleteActivity(id);
        var request = new SyncRequest
        {
            Streams = [stream], StartDate = SyncDriver.From().StartDate,
            Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { [stream] = 5 } },
        };

        var first = SyncDriver.Run(h, request);
        Assert.Empty(first.Errors);
        Assert.NotNull(changer.Changed);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = SyncDriver.Run(h, request);

        Assert.Empty(second.Errors);
        var got = first.Records.Concat(second.Records).Select(r => (r.Id, r.Key)).ToHashSet();
        var gotIds = got.Select(p => p.Id).ToHashSet();
        // An edited task must come with its new key; a deleted activity only has to leave none behind.
        var missing = FullSyncTests.Expected(org, stream).Where(p => tasks ? !got.Contains(p) : !gotIds.Contains(p.Id)).ToList();
        Assert.True(missing.Count == 0, "never delivered: " + FullSyncTests.Describe(missing));
    }

    /// <summary>
    /// Before the first request that pages with a non-zero <c>_skip</c>, changes the first record of
    /// the page before it (once): the record leaves the instant being paged.
    /// </summary>
    private sealed class InstantChanger(string pathPart, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private string? _lastFirstId;

        public Action<string>? Change { get; set; }

        public string? Changed { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var matches = uri.AbsolutePath.Contains(pathPart, StringComparison.Ordinal);
            var skip = System.Web.HttpUtility.ParseQueryString(uri.Query)["_skip"];
            if (matches && Changed is null && Change is not null && skip is not null && skip != "0" && _lastFirstId is { } id)
            {
                Change(id);
                Changed = id;
            }

            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (matches && response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                using (var doc = JsonDocument.Parse(text))
                {
                    if (doc.RootElement.TryGetProperty("data", out var data) && data.GetArrayLength() > 0 &&
                        data[0].TryGetProperty("id", out var first))
                        _lastFirstId = first.GetString();
                }

                var replaced = new StringContent(text, System.Text.Encoding.UTF8, "application/json");
                foreach (var header in response.Content.Headers)
                    if (!header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) &&
                        !header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
                response.Content = replaced;
            }

            return response;
        }
    }
}
