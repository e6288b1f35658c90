namespace Closeio.Core.Tests.State;

public class BookmarkTests
{
    private static readonly DateTimeOffset May1 = CloseTimestamp.Parse("2024-05-01T10:00:00Z");

    [Fact]
    public void Advancing_moves_the_bookmark_forward_and_replaces_the_boundary_ids()
    {
        var p = new Profile();
        Assert.True(p.AdvanceBookmark("leads", "date_updated", May1, ["lead_a"]));
        Assert.True(p.AdvanceBookmark("leads", "date_updated", May1.AddSeconds(1), ["lead_b"]));

        var b = p.Bookmarks["leads"];
        Assert.Equal("date_updated", b.Key);
        Assert.Equal(May1.AddSeconds(1), b.Value);
        Assert.Equal(["lead_b"], b.BoundaryIds);
    }

    [Fact]
    public void Bookmark_never_moves_backwards()
    {
        var p = new Profile();
        p.AdvanceBookmark("activities", "date_created", May1, ["acti_1"]);

        Assert.False(p.AdvanceBookmark("activities", "date_created", May1.AddTicks(-10), ["acti_0"]));
        Assert.False(p.AdvanceBookmark("activities", "date_created", May1.AddDays(-1)));

        Assert.Equal(May1, p.Bookmarks["activities"].Value);
        Assert.Equal(["acti_1"], p.Bookmarks["activities"].BoundaryIds);
    }

    [Fact]
    public void An_earlier_instant_written_with_a_later_looking_offset_is_still_refused()
    {
        var p = new Profile();
        p.AdvanceBookmark("leads", "date_updated", May1);

        // 11:00 at +02:00 is 09:00 UTC: earlier, although "11" > "10" as text.
        Assert.False(p.AdvanceBookmark("leads", "date_updated", CloseTimestamp.Parse("2024-05-01T11:00:00+02:00")));
        Assert.Equal(May1, p.Bookmarks["leads"].Value);
    }

    [Fact]
    public void Advancing_to_the_same_instant_adds_boundary_ids_without_duplicates()
    {
        var p = new Profile();
        p.AdvanceBookmark("tasks", "date_updated", May1, ["task_1", "task_2"]);
        Assert.True(p.AdvanceBookmark("tasks", "date_updated", May1.ToOffset(TimeSpan.FromHours(3)), ["task_2", "task_3"]));

        Assert.Equal(["task_1", "task_2", "task_3"], p.Bookmarks["tasks"].BoundaryIds);
        Assert.Equal(TimeSpan.Zero, p.Bookmarks["tasks"].Value!.Value.Offset);
    }

    [Fact]
    public void Advancing_on_a_different_key_is_refused_loudly()
    {
        var p = new Profile();
        p.AdvanceBookmark("leads", "date_updated", May1);

        var ex = Assert.Throws<InvalidOperationException>(() => p.AdvanceBookmark("leads", "date_created", May1.AddDays(1)));
        Assert.Contains("date_updated", ex.Message);
        Assert.Equal(May1, p.Bookmarks["leads"].Value);
    }

    [Fact]
    public void Reset_forgets_the_bookmark_so_an_older_value_is_accepted_again()
    {
        var p = new Profile();
        p.AdvanceBookmark("leads", "date_updated", May1);

        Assert.True(p.ResetBookmark("leads"));
        Assert.False(p.Bookmarks.ContainsKey("leads"));
        Assert.False(p.ResetBookmark("leads"));
        Assert.True(p.AdvanceBookmark("leads", "date_updated", May1.AddDays(-30)));
        Assert.Equal(May1.AddDays(-30), p.Bookmarks["leads"].Value);
    }

    [Fact]
    public void Set_moves_a_bookmark_backwards_on_request_and_drops_stale_boundary_ids()
    {
        var p = new Profile();
        p.AdvanceBookmark("leads", "date_updated", May1, ["lead_a"]);
        p.Bookmarks["leads"].Extra["note"] = "kept";

        p.SetBookmark("leads", May1.AddDays(-7));

        var b = p.Bookmarks["leads"];
        Assert.Equal(May1.AddDays(-7), b.Value);
        Assert.Empty(b.BoundaryIds);
        Assert.Equal("kept", b.Extra["note"]);
    }

    [Fact]
    public void Set_without_a_key_on_a_stream_without_bookmark_asks_for_the_key()
    {
        var p = new Profile();
        var ex = Assert.Throws<InvalidOperationException>(() => p.SetBookmark("leads", May1));
        Assert.Contains("leads", ex.Message);

        p.SetBookmark("leads", "date_updated", May1);
        Assert.Equal(May1, p.Bookmarks["leads"].Value);
    }
}
