using System.Net.Http.Headers;
using System.Text;

namespace Closeio.Sandbox.Tests.Api;

/// <summary>A small generated organization behind the in-process handler, with a hand-driven clock.</summary>
internal sealed class ApiHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 10, 9, 30, 0, TimeSpan.Zero);

    private ApiHarness(SandboxApi api, SandboxClock clock)
    {
        Api = api;
        Clock = clock;
        Http = NewClient(api.Options.ApiKey);
    }

    public SandboxApi Api { get; }
    public SandboxClock Clock { get; }
    public HttpClient Http { get; }
    public SandboxOrganization Org => Api.Organization;

    public static ApiHarness Create(SandboxApiOptions? options = null, int leads = 30, int activities = 300, int seed = 7)
    {
        // Waits must not move this clock by themselves: tests move it to cross windows and expiries.
        var clock = new SandboxClock(Start, autoAdvance: false);
        return new ApiHarness(SandboxApi.Create(seed, leads, activities, clock, options), clock);
    }

    public HttpClient NewClient(string? apiKey, string password = "")
    {
        var client = new HttpClient(Api.CreateHandler()) { BaseAddress = SandboxApi.InProcessBaseUri };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = Basic(apiKey, password);
        return client;
    }

    public static AuthenticationHeaderValue Basic(string user, string password = "") =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(string path, HttpClient? client = null)
    {
        var response = await (client ?? Http).GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public async Task<JsonObject> GetOkAsync(string path)
    {
        var (status, body, _) = await GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path} answered {(int)status}: {body?.ToJsonString()}");
        return body!.AsObject();
    }

    /// <summary>The 400 error text of a GET (the plain <c>error</c> or the first field error).</summary>
    public async Task<string> GetBadRequestAsync(string path)
    {
        var (status, body, _) = await GetAsync(path);
        Assert.True(status == HttpStatusCode.BadRequest, $"GET {path} answered {(int)status}, not 400: {body?.ToJsonString()}");
        return ErrorText(body!.AsObject());
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, JsonNode body)
    {
        var response = await Http.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public static string ErrorText(JsonObject body) =>
        body["error"] is JsonValue v ? v.GetValue<string>()
        : body["field-errors"] is JsonObject fe ? string.Join("; ", fe.Select(p => $"{p.Key}: {p.Value}"))
        : body.ToJsonString();

    /// <summary>Every id of a skip-paged list, in the order served.</summary>
    public async Task<List<string>> PageAllIdsAsync(string path, int limit)
    {
        var ids = new List<string>();
        var sep = path.Contains('?') ? '&' : '?';
        for (var skip = 0; ; skip += limit)
        {
            var page = await GetOkAsync($"{path}{sep}_skip={skip}&_limit={limit}");
            var data = page["data"]!.AsArray();
            Assert.True(data.Count <= limit);
            ids.AddRange(data.Select(d => d!["id"]!.GetValue<string>()));
            if (!page["has_more"]!.GetValue<bool>()) return ids;
            Assert.Equal(limit, data.Count);
        }
    }

    public static IEnumerable<string> Ids(JsonObject page) => page["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>());

    public void Dispose() => Http.Dispose();
}
