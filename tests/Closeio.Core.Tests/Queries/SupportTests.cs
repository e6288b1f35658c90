namespace Closeio.Core.Tests.Queries;

public sealed class QueryPagingTests
{
    [Fact]
    public void Without_first_everything_is_delivered_after_the_skipped_ones()
    {
        var paging = new QueryPaging(skip: 2);
        var admitted = Enumerable.Range(0, 6).Select(_ => paging.Admit()).ToList();
        Assert.Equal(new[] { false, false, true, true, true, true }, admitted);
        Assert.False(paging.IsComplete);
        Assert.Null(paging.Remaining);
    }

    [Fact]
    public void PowerShells_absent_first_means_no_limit()
    {
        var paging = QueryPaging.FromPagingParameters(0, ulong.MaxValue);
        Assert.Null(paging.First);
        Assert.Equal(200, paging.PageSize(200));
    }

    [Fact]
    public void The_page_size_shrinks_to_what_is_still_needed()
    {
        var paging = new QueryPaging(skip: 1, first: 3);
        Assert.Equal(4, paging.PageSize(100));
        paging.Admit();
        paging.Admit();
        Assert.Equal(2, paging.PageSize(100));
        Assert.Equal(1, paging.PageSize(1));
    }

    [Fact]
    public void Paging_completes_after_first_records()
    {
        var paging = new QueryPaging(first: 2);
        paging.Admit();
        paging.Admit();
        Assert.True(paging.IsComplete);
        Assert.Throws<InvalidOperationException>(() => paging.Admit());
    }
}

public sealed class StreamDescriberTests
{
    [Fact]
    public void Without_a_connection_each_stream_lists_its_schema_fields()
    {
        var streams = StreamDescriber.Describe(null, []);
        Assert.Equal(StreamCatalog.Names, streams.Select(s => s.Name));
        var leads = streams[0];
        Assert.Equal(("date_updated", "POST data/search/", "Closeio.Lead"), (leads.ReplicationKey, leads.Endpoint, leads.TypeName));
        Assert.Equal(StreamCatalog.Get("leads").Fields.Select(f => f.Name).Append("_extra"), leads.Properties.Select(p => p.Name));
    }

    [Fact]
    public void Connected_the_organizations_custom_fields_are_listed_as_sync_names_them()
    {
        using var sandbox = QuerySandbox.Create();
        var leads = StreamDescriber.Describe(["leads"], sandbox.Connection, CancellationToken.None).Single();
        var record = sandbox.Run(new LeadQuery(), new QueryPaging(first: 1)).Single();

        Assert.Equal(record.Names, leads.Properties.Select(p => p.Name));
        var custom = leads.Properties.Where(p => p.IsCustomField).ToList();
        Assert.NotEmpty(custom);
        Assert.All(custom, p => Assert.StartsWith("cf_", p.CustomFieldId));
    }
}
