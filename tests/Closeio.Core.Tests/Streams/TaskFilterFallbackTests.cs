namespace Closeio.Core.Tests.Streams;

/// <summary>
/// Close documents <c>date_updated__*</c> on <c>/task/</c> only in its OpenAPI description. A server that
/// ignores it answers every window with tasks outside it; the tasks stream must notice, say so, and
/// still deliver every changed task, by a way Close's prose documents.
/// </summary>
public sealed class TaskFilterFallbackTests
{
    private static SandboxHarness Ignoring() => SandboxHarness.Create(
        new SandboxOptions { Leads = 30, Activities = 100, Tasks = 2500 },
        new SandboxApiOptions { TaskDateUpdatedFilterIgnored = true });

    [Fact]
    public void A_server_that_ignores_the_date_updated_filter_still_gets_every_task_with_a_warning()
    {
        using var h = Ignoring();

        var first = SyncDriver.Run(h, SyncDriver.From("tasks"));

        Assert.Empty(first.Errors);
        Assert.Contains(first.Warnings, w => w.Message.Contains("ignores the date_updated filter", StringComparison.Ordinal));
        Assert.Equal(h.Organization.Tasks().Select(t => t.Id).Order(), first.Records.Select(r => r.Id).Order());
    }

    [Fact]
    public void An_incremental_run_against_such_a_server_delivers_exactly_the_changed_tasks()
    {
        using var h = Ignoring();
        Assert.Empty(SyncDriver.Run(h, SyncDriver.From("tasks")).Errors);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var oldest = h.Organization.Tasks().OrderBy(t => t.DateCreated).First();
        var changed = h.Organization.UpdateTask(oldest.Id);
        var created = h.Organization.CreateTask(h.Organization.Leads().First().Id, "voicemail");
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = SyncDriver.Run(h, SyncDriver.From("tasks"));

        Assert.Empty(second.Errors);
        Assert.Contains(second.Warnings, w => w.Message.Contains("ignores the date_updated filter", StringComparison.Ordinal));
        Assert.Equal(new[] { changed.Id, created.Id }.Order(), second.Records.Select(r => r.Id).Order());
        var keys = second.Records.Select(r => r.Key).ToList();
        Assert.Equal(keys.Order(), keys); // in bookmark order
    }
}
