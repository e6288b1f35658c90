namespace Closeio.Core.Tests.Queries;

/// <summary>What a shell user notices of the Get-* queries: requests per call, totals, warnings.</summary>
public sealed class QueryShellTests
{
    private static List<Record> Run(QuerySandbox sandbox, RecordQuery query, QueryContext context) =>
        query.Run(context, CancellationToken.None).ToList();

    [Fact]
    public void Leads_read_by_id_in_a_loop_read_the_custom_fields_once_and_only_the_kinds_a_lead_carries()
    {
        using var sandbox = QuerySandbox.Create();
        var cache = new CustomFieldCache(sandbox.Clock);
        var id = sandbox.Organization.Leads().First().Id;

        for (var i = 0; i < 5; i++)
            Assert.Single(Run(sandbox, new LeadQuery { Id = id }, new QueryContext(sandbox.Connection, null, cache)));

        Assert.Equal(5, sandbox.Requests("lead/").Count);
        var fieldReads = sandbox.Requests("custom_field/");
        Assert.Equal(4, fieldReads.Count);
        Assert.DoesNotContain(fieldReads, r => r.Path.StartsWith("custom_field/activity/", StringComparison.Ordinal));
        Assert.DoesNotContain(fieldReads, r => r.Path.StartsWith("custom_field/custom_object_type/", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_CloseioRecord_of_a_stream_with_custom_fields_reads_them_once_per_connection_not_per_call()
    {
        using var sandbox = QuerySandbox.Create();
        var cache = new CustomFieldCache(sandbox.Clock);

        for (var i = 0; i < 3; i++)
            Assert.NotEmpty(Run(sandbox, new StreamQuery(ContactsStream.Definition) { Properties = ["id"] }, new QueryContext(sandbox.Connection, null, cache)));

        // contacts carry contact and shared custom fields: each kind read once, for all three calls.
        Assert.Equal(2, sandbox.Requests("custom_field/").Count);
    }

    [Fact]
    public void The_kept_custom_fields_are_read_again_once_they_expire()
    {
        using var sandbox = QuerySandbox.Create();
        var cache = new CustomFieldCache(sandbox.Clock);
        var id = sandbox.Organization.Leads().First().Id;
        Run(sandbox, new LeadQuery { Id = id }, new QueryContext(sandbox.Connection, null, cache));
        var first = sandbox.Requests("custom_field/").Count;

        sandbox.Clock.Advance(CustomFieldCache.DefaultLifetime + TimeSpan.FromSeconds(1));
        Run(sandbox, new LeadQuery { Id = id }, new QueryContext(sandbox.Connection, null, cache));

        Assert.Equal(2 * first, sandbox.Requests("custom_field/").Count);
    }

    [Fact]
    public void A_lead_search_reports_the_total_close_counts_before_its_first_record()
    {
        using var sandbox = QuerySandbox.Create(leads: 25);
        var context = new QueryContext(sandbox.Connection, new QueryPaging(0, 2));
        long? totalAtFirstRecord = null;
        foreach (var _ in new LeadQuery().Run(context, CancellationToken.None))
        {
            totalAtFirstRecord ??= context.TotalCount ?? -1;
        }

        Assert.Equal(sandbox.Organization.Leads().Count(), totalAtFirstRecord);
        Assert.True(context.TotalCountIsExact);
    }

    [Fact]
    public void Tasks_report_the_total_results_close_answers()
    {
        using var sandbox = QuerySandbox.Create();
        var all = sandbox.Run(new TaskQuery());
        var context = new QueryContext(sandbox.Connection, new QueryPaging(0, 1));
        Assert.Single(Run(sandbox, new TaskQuery(), context));
        Assert.Equal(all.Count, context.TotalCount);
    }

    [Fact]
    public void Custom_fields_are_counted_when_a_total_is_wanted_and_custom_object_fields_are_a_kind()
    {
        using var sandbox = QuerySandbox.Create();
        var all = sandbox.Run(new CustomFieldQuery());
        var context = new QueryContext(sandbox.Connection, new QueryPaging(0, 1)) { WantsTotalCount = true };
        Assert.Single(Run(sandbox, new CustomFieldQuery(), context));
        Assert.Equal(all.Count, context.TotalCount);
        Assert.NotEmpty(sandbox.Run(new CustomFieldQuery { Kinds = ["custom_object_type"] }));
    }

    [Fact]
    public void Events_report_no_total_since_close_gives_none()
    {
        using var sandbox = QuerySandbox.Create();
        var context = new QueryContext(sandbox.Connection, new QueryPaging(0, 3));
        Run(sandbox, new EventQuery(), context);
        Assert.Null(context.TotalCount);
    }

    [Fact]
    public void A_custom_field_deleted_since_it_was_kept_is_a_warning_and_costs_no_lead()
    {
        using var sandbox = QuerySandbox.Create(leads: 20);
        var cache = new CustomFieldCache(sandbox.Clock);
        var before = Run(sandbox, new LeadQuery(), new QueryContext(sandbox.Connection, null, cache));
        var field = sandbox.Organization.CustomFields("lead").First().Id;
        sandbox.Organization.DeleteCustomField(field);

        var context = new QueryContext(sandbox.Connection, null, cache);
        var after = Run(sandbox, new LeadQuery(), context);

        Assert.Equal(before.Select(r => r.Id).Order(), after.Select(r => r.Id).Order());
        var warning = Assert.Single(context.TakeWarnings());
        Assert.Contains(field, warning, StringComparison.Ordinal);

        // The kept list was forgotten: the next read knows the field is gone and has nothing to warn about.
        var next = new QueryContext(sandbox.Connection, null, cache);
        Run(sandbox, new LeadQuery(), next);
        Assert.Empty(next.TakeWarnings());
    }
}
