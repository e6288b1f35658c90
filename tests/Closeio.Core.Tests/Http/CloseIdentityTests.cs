namespace Closeio.Core.Tests.Http;

public sealed class CloseIdentityTests
{
    private static CloseIdentity Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return CloseIdentityReader.Read(doc.RootElement);
    }

    [Fact]
    public void The_keys_own_organization_is_chosen_when_the_user_has_several()
    {
        var identity = Read("""
            {"id": "user_1", "first_name": "Ana", "last_name": "Lima", "email": "ana@x.test", "organization_id": "orga_2",
             "organizations": [{"id": "orga_1", "name": "Old Co"}, {"id": "orga_2", "name": "New Co"}]}
            """);
        Assert.Equal(new CloseIdentity("user_1", "Ana Lima", "ana@x.test", "orga_2", "New Co"), identity);
    }

    [Fact]
    public void Without_a_name_the_user_is_named_by_email()
    {
        var identity = Read("""{"id": "user_1", "email": "ana@x.test", "organizations": [{"id": "orga_1", "name": "Co"}]}""");
        Assert.Equal(("ana@x.test", "orga_1", "Co"), (identity.UserName, identity.OrganizationId, identity.OrganizationName));
    }

    [Fact]
    public async Task An_answer_that_is_not_a_user_is_an_invalid_response()
    {
        using var t = new TestClient();
        t.Server.ThenOk("""{"data": []}""");
        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.Client.GetIdentityAsync(CancellationToken.None));
        Assert.Equal(CloseErrorKind.InvalidResponse, e.Kind);
    }

    [Fact]
    public async Task A_connection_names_organization_user_and_base_uri_but_not_the_key()
    {
        using var t = new TestClient();
        t.Server.ThenJson(HttpStatusCode.OK, """{"id": "user_1", "first_name": "Ana", "last_name": "Lima", "email": "ana@x.test", "organizations": [{"id": "orga_1", "name": "Lima Imports"}]}""");
        using var connection = await CloseConnection.ConnectAsync(t.Options, CancellationToken.None);

        Assert.Equal("Lima Imports (orga_1) as Ana Lima <ana@x.test> at https://close.test/api/v1/", connection.ToString());
        Assert.Same(t.Options, connection.Options);
        Assert.Equal(new Uri("https://close.test/api/v1/"), connection.BaseUri);
    }
}
