namespace Closeio.Core.Tests.Records;

public sealed class RecordPropertyNamesTests
{
    [Fact]
    public void Columns_keep_their_names_and_order_when_nothing_clashes()
    {
        Assert.Equal(new[] { "id", "date_updated", "name", "_extra" }, RecordPropertyNames.For(["id", "date_updated", "name", "_extra"]));
    }

    [Fact]
    public void Names_that_clash_ignoring_case_or_with_the_stream_property_are_numbered()
    {
        Assert.Equal(new[] { "id", "Name", "name_2", "stream_2" }, RecordPropertyNames.For(["id", "Name", "name", "stream"], "Stream"));
    }
}
