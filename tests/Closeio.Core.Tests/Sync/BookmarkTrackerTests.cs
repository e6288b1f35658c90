namespace Closeio.Core.Tests.Sync;

public sealed class BookmarkTrackerTests
{
    private static readonly RecordShaper Shaper = new(StreamCatalog.Get("tasks"), []);
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Record Task(string id, int second)
    {
        var json = $$"""{"id": "{{id}}", "date_updated": "{{CloseTimestamp.Format(T0.AddSeconds(second))}}"}""";
        using var doc = JsonDocument.Parse(json);
        return Shaper.Shape(doc.RootElement);
    }

    private static StreamBookmark Apply(BookmarkTracker tracker)
    {
        var profile = new Profile();
        tracker.ApplyTo(profile);
        return profile.Bookmarks["tasks"];
    }

    [Fact]
    public void Bookmark_never_passes_a_record_that_was_not_accepted()
    {
        var tracker = new BookmarkTracker("tasks", "date_updated");
        var a = Task("task_a", 1);
        var b = Task("task_b", 2);
        var c = Task("task_c", 3);
        foreach (var r in new[] { a, b, c }) tracker.Emitted(r);

        tracker.Accept(a);
        tracker.Accept(c); // b was never taken

        var bookmark = Apply(tracker);
        Assert.Equal(a.Key, bookmark.Value);
        Assert.Equal(["task_a"], bookmark.BoundaryIds);
        Assert.Equal(1, tracker.Accepted);
    }

    [Fact]
    public void Boundary_ids_are_those_accepted_at_exactly_the_bookmark()
    {
        var tracker = new BookmarkTracker("tasks", "date_updated");
        var records = new[] { Task("task_a", 1), Task("task_b", 2), Task("task_c", 2) };
        foreach (var r in records) tracker.Emitted(r);
        foreach (var r in records) tracker.Accept(r);

        var bookmark = Apply(tracker);
        Assert.Equal(T0.AddSeconds(2), bookmark.Value);
        Assert.Equal(["task_b", "task_c"], bookmark.BoundaryIds);
    }

    [Fact]
    public void A_marker_applies_only_once_everything_handed_out_before_it_was_accepted()
    {
        var tracker = new BookmarkTracker("tasks", "date_updated");
        var a = Task("task_a", 1);
        var b = Task("task_b", 2);
        tracker.Emitted(a);
        tracker.AddMarker("watermark", "x");
        tracker.Emitted(b);

        tracker.Accept(b); // out of order: a is still outstanding
        var early = new Profile();
        early.AdvanceBookmark("tasks", "date_updated", T0);
        tracker.ApplyTo(early);
        Assert.False(early.Bookmarks["tasks"].Extra.ContainsKey("watermark"));
        Assert.Equal(T0, early.Bookmarks["tasks"].Value);

        tracker.Accept(a);
        var late = Apply(tracker);
        Assert.Equal("x", late.Extra["watermark"]);
        Assert.Equal(b.Key, late.Value);
    }

    [Fact]
    public void A_record_not_handed_out_by_the_stream_is_ignored()
    {
        var tracker = new BookmarkTracker("tasks", "date_updated");
        Assert.False(tracker.Accept(Task("task_z", 9)));
        Assert.Equal(0, tracker.Accepted);
    }
}
