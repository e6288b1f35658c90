using System.Security.Cryptography;
using System.Text;

namespace Closeio.Sandbox.Tests.Model;

public class EdgeCaseTests
{
    [Fact]
    public void The_smallest_organization_works_and_survives_random_changes()
    {
        var (org, clock) = ModelFixture.Create(new SandboxOptions { Users = 1, Leads = 1, Activities = 0, Tasks = 0, HistoryDays = 1 });
        Assert.Single(org.Leads());
        Assert.Empty(org.Activities(null, null));
        Assert.Empty(org.Tasks());
        var rng = new Random(2);
        for (var i = 0; i < 300; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var change = org.RandomChange(rng);
            Assert.Contains(change.Action, new[] { "created", "updated", "deleted", "merged" });
        }
        Assert.Equal(org.Count(SandboxResource.Lead), org.Leads().Count());
        Assert.All(org.Leads(), l => l.Render());
        Assert.All(org.Events(), e => e.Render());
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    public void Impossible_sizes_are_refused(int users, int leads, int historyDays)
    {
        var clock = new SandboxClock(ModelFixture.Start, autoAdvance: false);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SandboxOrganization.Generate(new SandboxOptions { Users = users, Leads = leads, HistoryDays = historyDays }, clock));
    }

    [Fact]
    public void Unknown_ids_and_types_are_reported_not_ignored()
    {
        var (org, _) = ModelFixture.Create();
        Assert.Throws<KeyNotFoundException>(() => org.UpdateLead("lead_nope"));
        Assert.Throws<KeyNotFoundException>(() => org.CreateContact("lead_nope"));
        Assert.Throws<KeyNotFoundException>(() => org.DeleteActivity(org.Leads().First().Id)); // a lead id is not an activity id
        Assert.Throws<ArgumentException>(() => org.CreateTask(org.Leads().First().Id, "chore"));
        Assert.Throws<ArgumentException>(() => org.CreateActivity(org.Leads().First().Id, "Fax"));
        Assert.Throws<ArgumentException>(() => org.CustomFields("planet").ToList());
    }

    [Fact]
    public void Deleted_objects_cannot_be_changed_again()
    {
        var (org, _) = ModelFixture.Create();
        var lead = org.Leads().First();
        org.DeleteLead(lead.Id);
        Assert.Throws<KeyNotFoundException>(() => org.UpdateLead(lead.Id));
        Assert.Throws<KeyNotFoundException>(() => org.DeleteLead(lead.Id));
        Assert.Throws<KeyNotFoundException>(() => org.CreateActivity(lead.Id));
    }

    /// <summary>
    /// Same seed ⇒ same organization on every machine and in every process, not only twice in one
    /// process: the fingerprint of the default organization is pinned. When a change to the
    /// generator or the renderers is intended, update the constant in the same commit.
    /// </summary>
    [Fact]
    public void The_default_organization_is_the_same_on_every_machine()
    {
        var (org, _) = ModelFixture.Create();
        using var sha = SHA256.Create();
        foreach (var line in ModelFixture.RenderEverything(org))
        {
            var bytes = Encoding.UTF8.GetBytes(line + "\n");
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        var fingerprint = Convert.ToHexString(sha.Hash!);
        Assert.True(fingerprint == PinnedFingerprint, $"The default organization's fingerprint is now {fingerprint}.");
    }

    private const string PinnedFingerprint = "89BC86AE7474A31F0BECB0336864C7B21FC63CF34BE2DBFBD4017ACB8B47E773";
}
