namespace Closeio.Core.Tests.Sync;

/// <summary>The leads stream and Get-CloseioLead send one search and shape its answers alike.</summary>
public sealed class LeadSearchTests
{
    [Fact]
    public void A_synced_lead_and_the_same_lead_read_by_a_query_are_the_same_record()
    {
        using var h = SandboxHarness.Create();
        var synced = SyncDriver.Run(h, SyncDriver.From("leads")).Of("leads").ToDictionary(r => r.Id);
        var queried = new LeadQuery { UpdatedAfter = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) }
            .Run(new QueryContext(h.Connection), CancellationToken.None).ToList();

        Assert.Equal(synced.Count, queried.Count);
        foreach (var lead in queried)
        {
            var same = synced[lead.Id];
            Assert.Equal(same.Names, lead.Names);
            foreach (var n in lead.Names) Assert.True(same[n]?.ToString() == lead[n]?.ToString(), $"{n}:\n{same[n]}\n{lead[n]}");
        }
    }

    [Fact]
    public void Search_answers_type_tag_does_not_end_up_in_a_synced_leads_extra()
    {
        using var h = SandboxHarness.Create();
        var leads = SyncDriver.Run(h, SyncDriver.From("leads")).Of("leads").ToList();

        Assert.NotEmpty(leads);
        Assert.All(leads, l => Assert.False(l[RecordShaper.ExtraColumn] is RecordMap extra && extra.ContainsKey("__object_type"),
            $"{l.Id} has _extra {l[RecordShaper.ExtraColumn]}"));
    }
}
