namespace Closeio.Core.Tests.Streams;

/// <summary>
/// The opportunities stream (<c>opportunity/</c> in <c>date_updated</c> windows) and the contacts
/// stream (<c>data/search/</c> for contacts by <c>date_updated</c>): a first sync is exactly what the
/// organization holds, an incremental one after random changes delivers every changed record and no
/// current version is ever missed, and Get-CloseioRecord (StreamQuery) returns the same records.
/// </summary>
public sealed class OpportunityContactTests(ITestOutputHelper output)
{
    public static TheoryData<string> Streams { get; } = ["opportunities", "contacts"];

    private static IEnumerable<SandboxItem> Items(SandboxOrganization org, string stream) =>
        stream == "opportunities" ? org.Opportunities() : org.Contacts();

    private static List<(string Id, DateTimeOffset Key)> Current(SandboxOrganization org, string stream) =>
        Items(org, stream).Select(i => (i.Id, i.DateUpdated)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    /// <summary>Small pages, so windows and searches take several requests.</summary>
    private static SyncRequest Request(string stream) => new()
    {
        Streams = [stream],
        StartDate = SyncDriver.From().StartDate,
        Tuning = new SyncTuning { PageSizes = new Dictionary<string, int> { [stream] = 4 } },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void A_first_sync_returns_exactly_the_organizations_records(string stream)
    {
        using var h = SandboxHarness.Create();
        var run = SyncDriver.Run(h, Request(stream));

        Assert.Empty(run.Errors);
        var expected = Current(h.Organization, stream);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, run.Of(stream).Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList());
        Assert.Equal(expected.Count, run.Summaries.Single().Records);
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void After_random_changes_an_incremental_sync_delivers_every_changed_record_and_no_other(string stream)
    {
        for (var seed = 1; seed <= 4; seed++)
        {
            try
            {
                Check(stream, seed);
            }
            catch
            {
                output.WriteLine($"Failing seed: {seed}");
                throw;
            }
        }
    }

    private static void Check(string stream, int seed)
    {
        using var h = SandboxHarness.Create(SandboxHarness.Sizes(seed, leads: 25, activities: 20));
        var org = h.Organization;
        var rng = new Random(seed);
        var delivered = new HashSet<(string, DateTimeOffset)>();
        var first = SyncDriver.Run(h, Request(stream));
        Assert.Empty(first.Errors);
        delivered.UnionWith(first.Of(stream).Select(r => (r.Id, r.Key)));

        for (var round = 0; round < 3; round++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(2));
            var since = h.Clock.GetUtcNow();
            var changed = new HashSet<string>(StringComparer.Ordinal);
            for (var i = rng.Next(1, 8); i > 0; i--)
            {
                h.Clock.Advance(TimeSpan.FromMilliseconds(rng.Next(0, 3)));   // several changes may share an instant
                var leads = org.Leads().ToList();
                var existing = Items(org, stream).ToList();
                SandboxItem item = rng.Next(3) switch
                {
                    0 => stream == "opportunities"
                        ? org.CreateOpportunity(leads[rng.Next(leads.Count)].Id)
                        : org.CreateContact(leads[rng.Next(leads.Count)].Id),
                    _ => stream == "opportunities"
                        ? org.UpdateOpportunity(existing[rng.Next(existing.Count)].Id)
                        : org.UpdateContact(existing[rng.Next(existing.Count)].Id),
                };
                changed.Add(item.Id);
            }

            h.Clock.Advance(TimeSpan.FromMinutes(1));
            var run = SyncDriver.Run(h, Request(stream));

            Assert.Empty(run.Errors);
            var got = run.Of(stream).ToList();
            // Exactly the records whose current version is newer than the last run: every change, nothing else.
            var expected = Items(org, stream).Where(i => i.DateUpdated >= since).Select(i => i.Id).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, got.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
            Assert.Subset(expected.ToHashSet(), changed);
            delivered.UnionWith(got.Select(r => (r.Id, r.Key)));
            // No gap: every record's current version has been delivered by some run.
            Assert.Empty(Current(org, stream).Where(p => !delivered.Contains(p)));
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Get_CloseioRecord_returns_the_same_records_as_a_sync(string stream)
    {
        using var h = SandboxHarness.Create();
        var synced = SyncDriver.Run(h, Request(stream)).Of(stream).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        var queried = new StreamQuery(StreamCatalog.Get(stream)).Run(new QueryContext(h.Connection, null), CancellationToken.None).ToList();

        Assert.Equal(synced, queried.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(queried, r => Assert.Equal(stream, r.Stream));
    }

    [Fact]
    public void Contacts_carry_their_custom_values_as_named_columns_and_opportunities_theirs()
    {
        using var h = SandboxHarness.Create();
        var contactField = h.Organization.CreateCustomField("contact");
        var opportunityField = h.Organization.CreateCustomField("opportunity");
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var lead = h.Organization.Leads().First();
        var contact = h.Organization.UpdateContact(h.Organization.Contacts().First().Id);
        var opportunity = h.Organization.CreateOpportunity(lead.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var run = SyncDriver.Run(h, SyncDriver.From("contacts", "opportunities"));

        Assert.Empty(run.Errors);
        var c = run.Of("contacts").Single(r => r.Id == contact.Id);
        var o = run.Of("opportunities").Single(r => r.Id == opportunity.Id);
        Assert.Contains(c.CustomFieldNames[contactField.Id], c.Names);
        Assert.Contains(o.CustomFieldNames[opportunityField.Id], o.Names);
        // Every field Close sent is a column: nothing of these objects is left to _extra.
        Assert.All(run.Records, r => Assert.Null(r[RecordShaper.ExtraColumn]));
    }
}
