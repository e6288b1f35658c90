namespace Closeio.Core.Tests.Streams;

/// <summary>
/// The small settings tables (statuses, pipelines, templates, sequences, custom types, smart views,
/// roles, groups, phone numbers, memberships), read whole each run: a first sync delivers exactly
/// what the organization holds, the next delivers what changed (a full-table stream: everything
/// again) and loses nothing, Get-CloseioRecord returns the same, and a stream a key may not read is
/// skipped with a warning while the others complete.
/// </summary>
public sealed class DirectoryStreamTests
{
    private static readonly Dictionary<string, SandboxResource> Resources = new()
    {
        ["opportunity_statuses"] = SandboxResource.OpportunityStatus,
        ["pipelines"] = SandboxResource.Pipeline,
        ["email_templates"] = SandboxResource.EmailTemplate,
        ["sms_templates"] = SandboxResource.SmsTemplate,
        ["sequences"] = SandboxResource.Sequence,
        ["custom_activity_types"] = SandboxResource.CustomActivityType,
        ["custom_object_types"] = SandboxResource.CustomObjectType,
        ["smart_views"] = SandboxResource.SavedSearch,
        ["roles"] = SandboxResource.Role,
        ["groups"] = SandboxResource.Group,
        ["phone_numbers"] = SandboxResource.PhoneNumber,
    };

    // The kinds Close lets users create and edit, as the Sandbox does (SandboxOrganization.CreateObject).
    private static readonly HashSet<string> Editable = ["opportunity_statuses", "email_templates", "sms_templates", "sequences", "smart_views"];

    public static TheoryData<string> Streams { get; } = new([.. Resources.Keys, "memberships"]);

    /// <summary>What the organization holds now: ids for a listed kind; for memberships, one per user, keyed by user id.</summary>
    private static List<string> Expected(SandboxHarness h, string stream) => stream == "memberships"
        ? h.Organization.Users().Select(u => u.Id).Order(StringComparer.Ordinal).ToList()
        : h.Organization.Objects(Resources[stream]).Select(o => o.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>The ids <see cref="Expected"/> compares: a membership is matched by its user.</summary>
    private static string KeyOf(Record r, string stream) => stream == "memberships" ? (string)r["user_id"]! : r.Id;

    private static List<string> Keys(IEnumerable<Record> records, string stream) =>
        records.Select(r => KeyOf(r, stream)).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [MemberData(nameof(Streams))]
    public void A_first_sync_delivers_exactly_the_organizations_objects_and_the_next_what_changed(string stream)
    {
        using var h = SandboxHarness.Create();
        var definition = StreamCatalog.Get(stream);

        var first = SyncDriver.Run(h, SyncDriver.From(stream));

        Assert.Empty(first.Errors);
        Assert.Equal("completed", Assert.Single(first.Summaries).Outcome);
        var expected = Expected(h, stream);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Keys(first.Of(stream), stream));
        Assert.Equal(first.Of(stream).Count(), first.Of(stream).Select(r => r.Id).Distinct().Count());

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var changed = new List<string>();
        if (Editable.Contains(stream))
        {
            var resource = Resources[stream];
            // Close (and the Sandbox) refuse to edit a status in use: edit the first one that may be.
            foreach (var item in h.Organization.Objects(resource).ToList())
            {
                try
                {
                    changed.Add(h.Organization.UpdateObject(resource, item.Id).Id);
                    break;
                }
                catch (InvalidOperationException)
                {
                }
            }

            changed.Add(h.Organization.CreateObject(resource).Id);
            Assert.Equal(2, changed.Count);
        }

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = SyncDriver.Run(h, SyncDriver.From(stream));

        Assert.Empty(second.Errors);
        Assert.Equal("completed", Assert.Single(second.Summaries).Outcome);
        var now = Expected(h, stream);
        var delivered = Keys(second.Of(stream), stream);
        if (definition.IsFullTable)
        {
            // No bookmark: the whole table again, new and edited rows included.
            Assert.Equal(now, delivered);
        }
        else
        {
            Assert.All(changed, id => Assert.Contains(id, delivered));
            // Only what changed: an unchanged row is not delivered again.
            Assert.Equal(changed.Order(StringComparer.Ordinal), delivered);
            // Nothing lost: the two runs together hold every object there is.
            Assert.Equal(now, Keys(first.Of(stream), stream).Union(delivered).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(second.Of(stream).Select(r => r.Key).DefaultIfEmpty(first.Of(stream).Max(r => r.Key)).Max(),
                h.Store.Load().Bookmarks[stream].Value);
        }

        var queried = new StreamQuery(definition).Run(new QueryContext(h.Connection), CancellationToken.None).ToList();
        Assert.Equal(now, Keys(queried, stream));
    }

    [Fact]
    public void Groups_carry_their_members_which_the_list_leaves_out()
    {
        using var h = SandboxHarness.Create();

        var run = SyncDriver.Run(h, SyncDriver.From("groups"));

        Assert.Empty(run.Errors);
        var expected = h.Organization.Objects(SandboxResource.Group)
            .ToDictionary(g => g.Id, g => Members(g.Render()["members"]!.ToJsonString()));
        var groups = run.Of("groups").ToList();
        Assert.Equal(expected.Keys.Order(), groups.Select(g => g.Id).Order());
        foreach (var group in groups)
        {
            var members = Members(JsonNode.Parse(group.ToString())!["members"]!.ToJsonString());
            Assert.NotEmpty(members);
            Assert.Equal(expected[group.Id], members);
        }

        var queried = new StreamQuery(GroupsStream.Definition).Run(new QueryContext(h.Connection), CancellationToken.None).ToList();
        Assert.All(queried, g => Assert.Equal(expected[g.Id], Members(JsonNode.Parse(g.ToString())!["members"]!.ToJsonString())));
    }

    private static List<string> Members(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(m => (string)m!["user_id"]!).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Memberships_are_the_organizations_with_their_users_and_roles()
    {
        using var h = SandboxHarness.Create();

        var run = SyncDriver.Run(h, SyncDriver.From("memberships"));

        Assert.Empty(run.Errors);
        var memberships = run.Of("memberships").ToList();
        var users = h.Organization.Users().ToDictionary(u => u.Id, u => u.Render());
        Assert.Equal(users.Keys.Order(), memberships.Select(m => (string)m["user_id"]!).Order());
        var roles = h.Organization.Objects(SandboxResource.Role).Select(r => r.Id).ToHashSet();
        Assert.All(memberships, m =>
        {
            Assert.StartsWith("memb_", m.Id);
            Assert.Equal(h.Organization.OrganizationId, m["organization_id"]);
            Assert.Equal((string?)users[(string)m["user_id"]!]["email"], m["user_email"]);
            Assert.Contains((string)m["role_id"]!, roles);
        });
    }

    [Fact]
    public void A_stream_the_key_may_not_read_is_skipped_with_a_warning_and_the_others_complete()
    {
        var options = new SandboxApiOptions();
        using var h = SandboxHarness.Create(apiOptions: options);
        string[] streams = ["sequences", "custom_object_types", "email_templates", "roles"];
        var first = SyncDriver.Run(h, SyncDriver.From(streams));
        Assert.Empty(first.Errors);
        var before = h.Store.Load().Bookmarks;
        var sequencesBookmark = before["sequences"].Value;
        var typesBookmark = before["custom_object_types"].Value;

        // The key loses sequences (403) and the plan custom objects (404); a sequence changes meanwhile.
        options.Restrictions["/sequence/"] = SandboxRestriction.NoPermission;
        options.Restrictions["/custom_object_type/"] = SandboxRestriction.NotOnPlan;
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        h.Organization.UpdateObject(SandboxResource.Sequence, h.Organization.Objects(SandboxResource.Sequence).First().Id);
        var template = h.Organization.CreateObject(SandboxResource.EmailTemplate).Id;
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = SyncDriver.Run(h, SyncDriver.From(streams));

        Assert.Empty(second.Errors);
        var outcomes = second.Summaries.ToDictionary(s => s.Stream, s => s.Outcome);
        Assert.Equal("skipped", outcomes["sequences"]);
        Assert.Equal("skipped", outcomes["custom_object_types"]);
        Assert.Equal("completed", outcomes["email_templates"]);
        Assert.Equal("completed", outcomes["roles"]);
        Assert.Contains(second.Warnings, w => w.Message.StartsWith("sequences: skipped", StringComparison.Ordinal));
        Assert.Contains(second.Warnings, w => w.Message.StartsWith("custom_object_types: skipped", StringComparison.Ordinal));
        Assert.Empty(second.Of("sequences"));
        Assert.Equal([template], second.Of("email_templates").Select(r => r.Id));
        var after = h.Store.Load().Bookmarks;
        Assert.Equal(sequencesBookmark, after["sequences"].Value);
        Assert.Equal(typesBookmark, after["custom_object_types"].Value);

        // Access back: the sequence edited while it was refused comes on the next run.
        options.Restrictions.Clear();
        var third = SyncDriver.Run(h, SyncDriver.From("sequences"));
        Assert.Single(third.Of("sequences"));
    }
}
