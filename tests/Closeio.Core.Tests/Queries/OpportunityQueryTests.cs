namespace Closeio.Core.Tests.Queries;

/// <summary>Get-CloseioOpportunity's query: Close's server-side filters on opportunity/, paging, and the sync's record shape.</summary>
public sealed class OpportunityQueryTests
{
    private static string? StatusTypeOf(SandboxItem o) => (string?)o.Render()["status_type"];

    private static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("won")]
    [InlineData("lost")]
    [InlineData("Active")]
    public void A_status_type_returns_exactly_the_opportunities_of_that_type(string statusType)
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var expected = Sorted(sandbox.Organization.Opportunities()
            .Where(o => string.Equals(StatusTypeOf(o), statusType, StringComparison.OrdinalIgnoreCase)).Select(o => o.Id));
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < sandbox.Organization.Opportunities().Count());

        var opportunities = sandbox.Run(new OpportunityQuery { StatusType = statusType });

        Assert.Equal(expected, Sorted(opportunities.Select(o => o.Id)));
        Assert.All(sandbox.Requests("opportunity/"), r => Assert.Contains("status_type=" + statusType.ToLowerInvariant(), r.Path));
    }

    [Fact]
    public void An_unknown_status_type_fails_before_any_request()
    {
        using var sandbox = QuerySandbox.Create();
        var error = Assert.Throws<ArgumentException>(() => sandbox.Run(new OpportunityQuery { StatusType = "pending" }));
        Assert.Contains("won", error.Message);
        lock (sandbox.Log) Assert.Empty(sandbox.Log);
    }

    [Fact]
    public void The_opportunities_of_a_lead_are_exactly_that_leads()
    {
        using var sandbox = QuerySandbox.Create();
        var lead = sandbox.Organization.Leads().First(l => sandbox.Organization.Opportunities(l.Id).Count() > 1);

        var opportunities = sandbox.Run(new OpportunityQuery { LeadId = lead.Id });

        Assert.Equal(Sorted(sandbox.Organization.Opportunities(lead.Id).Select(o => o.Id)), Sorted(opportunities.Select(o => o.Id)));
        Assert.All(sandbox.Requests("opportunity/"), r => Assert.Contains("lead_id=" + lead.Id, r.Path));
    }

    [Fact]
    public void Opportunities_updated_in_a_range_are_exactly_those_oldest_first()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var updated = sandbox.Organization.Opportunities().Select(o => o.DateUpdated).Order().ToList();
        var after = updated[updated.Count / 4];
        var before = updated[updated.Count * 3 / 4];

        var opportunities = sandbox.Run(new OpportunityQuery { UpdatedAfter = after, UpdatedBefore = before });

        var expected = Sorted(sandbox.Organization.Opportunities()
            .Where(o => o.DateUpdated >= after && o.DateUpdated < before).Select(o => o.Id));
        Assert.Equal(expected, Sorted(opportunities.Select(o => o.Id)));
        Assert.Equal(opportunities.Select(o => o.Key).Order(), opportunities.Select(o => o.Key));
        Assert.All(sandbox.Requests("opportunity/"), r =>
        {
            Assert.Contains("date_updated__gte=", r.Path);
            Assert.Contains("date_updated__lt=", r.Path);
        });
    }

    [Fact]
    public void First_stops_requesting_after_one_small_page()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var three = sandbox.Run(new OpportunityQuery(), new QueryPaging(first: 3));

        Assert.Equal(3, three.Count);
        var pages = sandbox.Requests("opportunity/");
        Assert.Single(pages);
        Assert.Contains("_limit=3", pages[0].Path);
    }

    [Fact]
    public void Many_opportunities_are_read_whole_without_deep_offsets()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var expected = Sorted(sandbox.Organization.Opportunities().Select(o => o.Id));
        Assert.True(expected.Count > 12);

        var opportunities = sandbox.Run(new OpportunityQuery { MaxSkip = 4, PageSize = 3 });

        Assert.Equal(expected, Sorted(opportunities.Select(o => o.Id)));
        Assert.Equal(expected.Count, opportunities.Count);
        Assert.All(sandbox.Requests("opportunity/"), r => Assert.DoesNotMatch(@"_skip=([1-9]\d)", r.Path));
    }

    [Fact]
    public void The_total_count_is_closes_total_results()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var context = new QueryContext(sandbox.Connection, new QueryPaging(first: 1)) { WantsTotalCount = true };

        var one = new OpportunityQuery { StatusType = "won" }.Run(context, CancellationToken.None).ToList();

        Assert.Single(one);
        Assert.Equal(sandbox.Organization.Opportunities().Count(o => StatusTypeOf(o) == "won"), context.TotalCount);
    }

    [Fact]
    public void Records_by_id_and_by_filter_equal_a_syncs_records_of_the_same_ids()
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, new SyncRequest { Streams = [OpportunitiesStream.Definition.Name], StartDate = SyncDriver.From().StartDate });
        Assert.Empty(run.Errors);
        var synced = run.Of(OpportunitiesStream.Definition.Name).ToDictionary(r => r.Id, r => r.ToString(), StringComparer.Ordinal);

        var queried = new OpportunityQuery().Run(new QueryContext(h.Connection), CancellationToken.None).ToList();
        Assert.Equal(synced.Count, queried.Count);
        Assert.All(queried, r => Assert.Equal(synced[r.Id], r.ToString()));
        // Custom fields are columns named as the sync names them.
        Assert.Contains(queried, r => r.CustomFieldNames.Count > 0);

        var one = synced.Keys.Order(StringComparer.Ordinal).Skip(2).First();
        var byId = Assert.Single(new OpportunityQuery { Id = one }.Run(new QueryContext(h.Connection), CancellationToken.None));
        Assert.Equal(synced[one], byId.ToString());
    }

    [Fact]
    public void Only_the_properties_asked_for_are_requested_and_returned()
    {
        using var sandbox = QuerySandbox.Create();
        var opportunities = sandbox.Run(new OpportunityQuery { Properties = ["value", "status_type"] }, new QueryPaging(first: 5));

        Assert.Equal(5, opportunities.Count);
        Assert.All(opportunities, o => Assert.Contains("value", o.Names));
        Assert.All(opportunities, o => Assert.DoesNotContain("note", o.Names));
        Assert.All(sandbox.Requests("opportunity/"), r => Assert.Contains("_fields=", r.Path));
    }

    [Fact]
    public void A_leads_id_given_as_the_id_reads_that_leads_opportunities()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var lead = sandbox.Organization.Leads().First(l => sandbox.Organization.Opportunities(l.Id).Count() > 1);

        var records = sandbox.Run(new OpportunityQuery { Id = lead.Id });

        Assert.Equal(Sorted(sandbox.Organization.Opportunities(lead.Id).Select(o => o.Id)), Sorted(records.Select(o => o.Id)));
    }
}
