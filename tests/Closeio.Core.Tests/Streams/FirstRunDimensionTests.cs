using Closeio.Core.Tests.Sync;

namespace Closeio.Core.Tests.Streams;

/// <summary>
/// Users and custom fields are small tables read whole: a run without a bookmark delivers all of
/// them whatever the start date, so an organization whose users were created years ago does not sync
/// zero users. Leads, activities and tasks keep their start date.
/// </summary>
public sealed class FirstRunDimensionTests
{
    private static readonly DateTimeOffset LongAgo = new(2019, 1, 15, 12, 48, 23, TimeSpan.Zero);

    /// <summary>An organization set up years ago: its users and custom fields were last changed in 2019.</summary>
    private static AnswerRewriter OldDimensions(HttpMessageHandler inner) => new(inner,
        request => request.RequestUri!.AbsolutePath is var path &&
                   (path.EndsWith("/user/", StringComparison.Ordinal) || path.Contains("/custom_field/", StringComparison.Ordinal)),
        json =>
        {
            var i = 0;
            foreach (var item in json["data"]!.AsArray())
            {
                var t = LongAgo.AddMinutes(i++).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
                item!["date_created"] = t;
                item["date_updated"] = t;
            }

            return true;
        });

    private static int CustomFieldCount(SandboxHarness h) => FullSyncTests.Expected(h.Organization, "custom_fields").Count();

    [Fact]
    public void A_first_run_with_the_default_start_delivers_users_and_custom_fields_set_up_years_ago()
    {
        using var h = SandboxHarness.Create(wrap: (_, inner) => OldDimensions(inner));

        var run = SyncDriver.Run(h, new SyncRequest { Streams = ["users", "custom_fields", "tasks"] });

        Assert.Empty(run.Errors);
        Assert.Equal(h.Organization.Users().Count(), run.Of("users").Count());
        Assert.Equal(CustomFieldCount(h), run.Of("custom_fields").Count());
        Assert.All(run.Of("users").Concat(run.Of("custom_fields")), r => Assert.True(r.Key < LongAgo.AddDays(1)));
        // Tasks keep the one-year default start.
        var start = h.Store.Load().Settings.StartDate!.Value;
        Assert.All(run.Of("tasks"), r => Assert.True(r.Key >= start));

        // The bookmarks then hold: a second run delivers nothing that did not change.
        var second = SyncDriver.Run(h, new SyncRequest { Streams = ["users", "custom_fields"] });
        Assert.Empty(second.Errors);
        Assert.Empty(second.Records);
    }

    [Fact]
    public void A_first_run_with_a_recent_start_date_still_delivers_every_user_and_custom_field()
    {
        using var h = SandboxHarness.Create();
        var start = h.Clock.GetUtcNow().AddMinutes(-1);
        Assert.Contains(h.Organization.Users(), u => u.DateUpdated < start);

        var run = SyncDriver.Run(h, new SyncRequest { Streams = ["users", "custom_fields", "tasks"], StartDate = start });

        Assert.Empty(run.Errors);
        Assert.Equal(FullSyncTests.Expected(h.Organization, "users").OrderBy(p => p.Id, StringComparer.Ordinal),
            run.Of("users").Select(r => (r.Id, r.Key)).OrderBy(p => p.Id, StringComparer.Ordinal));
        Assert.Equal(CustomFieldCount(h), run.Of("custom_fields").Count());
        Assert.All(run.Of("tasks"), r => Assert.True(r.Key >= start));
    }
}
