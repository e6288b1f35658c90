namespace Closeio.Core.Tests.Queries;

/// <summary>Get-CloseioContact's query: by id, by lead (contact/?lead_id=), by date_updated range (the contacts search), paging, and the sync's record shape.</summary>
public sealed class ContactQueryTests
{
    private static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void The_contacts_of_a_lead_are_exactly_that_leads()
    {
        using var sandbox = QuerySandbox.Create();
        var lead = sandbox.Organization.Leads().First(l => sandbox.Organization.Contacts(l.Id).Count() > 1);

        var contacts = sandbox.Run(new ContactQuery { LeadId = lead.Id });

        Assert.Equal(Sorted(sandbox.Organization.Contacts(lead.Id).Select(c => c.Id)), Sorted(contacts.Select(c => c.Id)));
        var requests = sandbox.Requests("contact/");
        Assert.Single(requests);
        Assert.Contains("lead_id=" + lead.Id, requests[0].Path);
    }

    [Fact]
    public void Contacts_updated_in_a_range_are_exactly_those_oldest_first()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var updated = sandbox.Organization.Contacts().Select(c => c.DateUpdated).Order().ToList();
        var after = updated[updated.Count / 4];
        var before = updated[updated.Count * 3 / 4];

        var contacts = sandbox.Run(new ContactQuery { UpdatedAfter = after, UpdatedBefore = before });

        var expected = Sorted(sandbox.Organization.Contacts()
            .Where(c => c.DateUpdated >= after && c.DateUpdated < before).Select(c => c.Id));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Sorted(contacts.Select(c => c.Id)));
        Assert.Equal(contacts.Select(c => c.Key).Order(), contacts.Select(c => c.Key));
        Assert.NotEmpty(sandbox.Requests("data/search/"));
        Assert.Empty(sandbox.Requests("contact/"));
    }

    [Fact]
    public void A_range_with_a_lead_keeps_only_that_leads_contacts_inside_it()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var lead = sandbox.Organization.Leads().First(l => sandbox.Organization.Contacts(l.Id).Select(c => c.DateUpdated).Distinct().Count() > 1);
        var newest = sandbox.Organization.Contacts(lead.Id).Max(c => c.DateUpdated);

        var contacts = sandbox.Run(new ContactQuery { LeadId = lead.Id, UpdatedAfter = newest });

        Assert.Equal(Sorted(sandbox.Organization.Contacts(lead.Id).Where(c => c.DateUpdated >= newest).Select(c => c.Id)),
            Sorted(contacts.Select(c => c.Id)));
    }

    [Fact]
    public void First_stops_requesting_after_one_small_search()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var two = sandbox.Run(new ContactQuery(), new QueryPaging(first: 2));

        Assert.Equal(2, two.Count);
        var searches = sandbox.Requests("data/search/");
        Assert.Single(searches);
    }

    [Fact]
    public void An_unknown_contact_id_is_reported_as_not_found()
    {
        using var sandbox = QuerySandbox.Create();
        var error = Assert.Throws<CloseApiException>(() => sandbox.Run(new ContactQuery { Id = "cont_doesnotexist" }));
        Assert.Equal(CloseErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void Records_by_id_by_lead_and_by_range_equal_a_syncs_records_of_the_same_ids()
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, new SyncRequest { Streams = [ContactsStream.Definition.Name], StartDate = SyncDriver.From().StartDate });
        Assert.Empty(run.Errors);
        var synced = run.Of(ContactsStream.Definition.Name).ToDictionary(r => r.Id, r => r.ToString(), StringComparer.Ordinal);

        var queried = new ContactQuery().Run(new QueryContext(h.Connection), CancellationToken.None).ToList();
        Assert.Equal(synced.Count, queried.Count);
        Assert.All(queried, r => Assert.Equal(synced[r.Id], r.ToString()));
        Assert.Contains(queried, r => r.CustomFieldNames.Count > 0);

        var lead = h.Organization.Leads().First(l => h.Organization.Contacts(l.Id).Any());
        var ofLead = new ContactQuery { LeadId = lead.Id }.Run(new QueryContext(h.Connection), CancellationToken.None).ToList();
        Assert.NotEmpty(ofLead);
        Assert.All(ofLead, r => Assert.Equal(synced[r.Id], r.ToString()));

        var one = synced.Keys.Order(StringComparer.Ordinal).Skip(2).First();
        var byId = Assert.Single(new ContactQuery { Id = one }.Run(new QueryContext(h.Connection), CancellationToken.None));
        Assert.Equal(synced[one], byId.ToString());
    }

    [Fact]
    public void The_total_count_is_closes_count_of_the_search()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var context = new QueryContext(sandbox.Connection, new QueryPaging(first: 1)) { WantsTotalCount = true };

        Assert.Single(new ContactQuery().Run(context, CancellationToken.None));
        Assert.Equal(sandbox.Organization.Contacts().Count(), context.TotalCount);
    }

    [Fact]
    public void A_leads_id_given_as_the_id_reads_that_leads_contacts()
    {
        using var sandbox = QuerySandbox.Create(leads: 30);
        var lead = sandbox.Organization.Leads().First(l => sandbox.Organization.Contacts(l.Id).Count() > 1);

        var records = sandbox.Run(new ContactQuery { Id = lead.Id });

        Assert.Equal(Sorted(sandbox.Organization.Contacts(lead.Id).Select(o => o.Id)), Sorted(records.Select(o => o.Id)));
    }
}
