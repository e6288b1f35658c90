namespace Closeio.Sandbox.Tests.Model;

/// <summary>Activities(): newest first, ties by id descending, [from, before) by binary search, same as a brute-force filter.</summary>
public class ActivityQueryTests
{
    private static readonly SandboxOrganization Org = ModelFixture.Create(new SandboxOptions { Leads = 200, Activities = 5000 }).Org;
    private static readonly List<SandboxItem> All = Org.Activities(null, null).ToList();

    private static List<string> BruteForce(DateTimeOffset? from, DateTimeOffset? before, string? lead = null, string? type = null) =>
        All.Where(a => (from is null || a.DateCreated >= from) && (before is null || a.DateCreated < before)
                && (lead is null || a.LeadId == lead) && (type is null || a.Type == type))
            .OrderByDescending(a => a.DateCreated).ThenByDescending(a => a.Id, StringComparer.Ordinal)
            .Select(a => a.Id).ToList();

    [Fact]
    public void Unfiltered_activities_come_newest_first_with_ties_by_id_descending()
    {
        Assert.Equal(BruteForce(null, null), All.Select(a => a.Id).ToList());
        Assert.Contains(All.GroupBy(a => a.DateCreated), g => g.Count() > 1); // the tie rule is exercised
    }

    [Fact]
    public void Date_ranges_match_a_brute_force_filter_including_exact_boundaries()
    {
        var rng = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            // Half the bounds sit exactly on an existing date_created, where off-by-one errors live.
            DateTimeOffset Bound() => rng.Next(2) == 0 ? All[rng.Next(All.Count)].DateCreated : ModelFixture.Start.AddDays(-rng.NextDouble() * 370);
            DateTimeOffset? from = rng.Next(5) == 0 ? null : Bound();
            DateTimeOffset? before = rng.Next(5) == 0 ? null : Bound();
            Assert.Equal(BruteForce(from, before), Org.Activities(from, before).Select(a => a.Id).ToList());
        }
    }

    [Fact]
    public void Lead_and_type_filters_match_a_brute_force_filter()
    {
        var lead = All[17].LeadId!;
        Assert.Equal(BruteForce(null, null, lead), Org.Activities(null, null, lead).Select(a => a.Id).ToList());
        var from = ModelFixture.Start.AddDays(-200);
        Assert.Equal(BruteForce(from, null, null, "Email"), Org.Activities(from, null, type: "Email").Select(a => a.Id).ToList());
        Assert.Equal(BruteForce(null, from, lead, "Call"), Org.Activities(null, from, lead, "Call").Select(a => a.Id).ToList());
        Assert.Empty(Org.Activities(null, null, type: "NoSuchType"));
        Assert.Empty(Org.Activities(null, null, leadId: "lead_unknown"));
    }

    [Fact]
    public void An_empty_or_inverted_range_returns_nothing()
    {
        var t = All[100].DateCreated;
        Assert.Empty(Org.Activities(t, t));
        Assert.Empty(Org.Activities(t.AddDays(1), t));
    }
}
