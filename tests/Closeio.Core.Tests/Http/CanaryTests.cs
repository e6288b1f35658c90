namespace Closeio.Core.Tests.Http;

/// <summary>
/// A canary key driven through every path of the client, with a server that echoes it back in every
/// way it can; then every text the client produced is searched for every encoding of the key.
/// </summary>
public sealed class CanaryTests(ITestOutputHelper output)
{
    private const string Me = """{"id": "user_c", "first_name": "Can", "last_name": "Ary", "email": "c@acme.test", "organizations": [{"id": "orga_c", "name": "Acme"}]}""";

    [Theory]
    [InlineData("api_CANARY+7f/3Qz=9.kW2")] // every encoding differs from the key
    [InlineData("api_5mX0cAnArY9Lq2T1vB8n.4RkZpW7yQeHs3Df")] // shaped like a real Close key
    public async Task No_text_the_client_produces_holds_the_key_in_any_encoding(string key)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"));
        var escaped = Uri.EscapeDataString(key);
        var echo = $"Authorization: Basic {basic}; key {key}; api_key={escaped}";
        var json = System.Text.Json.JsonSerializer.Serialize(echo);
        var clock = new SandboxClock(TestClient.Start);
        var server = new ScriptedHandler(clock);
        var log = new List<RequestLogEntry>();
        var texts = new List<string?>();
        var options = new CloseConnectionOptions
        {
            ApiKey = key,
            BaseUri = new Uri("https://close.test/api/v1/"),
            Handler = server,
            TimeProvider = clock,
            MaxRetries = 2,
            RequestTimeout = TimeSpan.FromMilliseconds(100),
            Log = log.Add,
        };

        server
            // Connect: a 503 echoing the header, then me/.
            .ThenJson(HttpStatusCode.ServiceUnavailable, $$"""{"error": {{json}}}""")
            .ThenOk(Me)
            // A successful page.
            .ThenOk()
            // A 400 echoing the Authorization header, final.
            .ThenJson(HttpStatusCode.BadRequest, "{\"error\": " + json + ", \"errors\": [" + json + "], \"field-errors\": {\"auth\": " + json + "}}")
            // A 401 echoing it.
            .ThenJson(HttpStatusCode.Unauthorized, $$"""{"error": {{json}}}""", ("WWW-Authenticate", $"Basic realm=\"{key}\""))
            // 429s echoing it, then success.
            .ThenJson(HttpStatusCode.TooManyRequests, "{\"error\": {\"message\": " + json + ", \"rate_reset\": 1}}")
            .ThenJson(HttpStatusCode.TooManyRequests, $$"""{"error": {{json}}}""", ("RateLimit", "limit=1, remaining=0, reset=1"))
            .ThenOk()
            // 5xx retries to the end: JSON echo, an HTML page echoing it, a dropped connection quoting it.
            .ThenJson(HttpStatusCode.InternalServerError, $$"""{"error": {{json}}}""")
            .Then(() => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent($"<html>{echo}</html>", Encoding.UTF8, "text/html") })
            .ThenThrow(new HttpRequestException($"The proxy refused {echo}", new IOException(echo)))
            // A redirect whose target carries the key.
            .ThenJson(HttpStatusCode.Found, "", ("Location", $"https://{escaped}@elsewhere.test/api/v1/?api_key={escaped}&b={basic}"))
            // A malformed page, then timeouts to the end.
            .ThenJson(HttpStatusCode.OK, $"{{\"data\": [\"{escaped}\", \"{basic}")
            .ThenHang().ThenHang();

        using var connection = await CloseConnection.ConnectAsync(options, CancellationToken.None);
        texts.Add(connection.ToString());
        texts.Add(options.ToString());
        texts.Add(connection.Client.ToString());
        using (await connection.Client.SendAsync(new CloseRequest(HttpMethod.Get, "lead/"), CancellationToken.None)) { }
        var failures = new List<Exception>
        {
            await Assert.ThrowsAsync<CloseApiException>(() => connection.Client.SendAsync(new CloseRequest(HttpMethod.Get, "activity/"), CancellationToken.None)),
            await Assert.ThrowsAsync<CloseApiException>(() => connection.Client.GetIdentityAsync(CancellationToken.None)),
        };
        using (await connection.Client.SendAsync(new CloseRequest(HttpMethod.Get, "task/"), CancellationToken.None)) { }
        failures.Add(await Assert.ThrowsAsync<CloseApiException>(() => connection.Client.SendAsync(new CloseRequest(HttpMethod.Get, "user/"), CancellationToken.None)));
        failures.Add(await Assert.ThrowsAsync<CloseApiException>(() => connection.Client.SendAsync(new CloseRequest(HttpMethod.Get, "event/"), CancellationToken.None)));
        failures.Add(await Assert.ThrowsAsync<CloseApiException>(() => connection.Client.SendAsync(new CloseRequest(HttpMethod.Get, "lead/"), CancellationToken.None)));
        // A base URI carrying the key is refused without repeating it.
        failures.Add(Assert.Throws<InvalidBaseUriException>(() => new CloseConnectionOptions { ApiKey = key, BaseUri = new Uri($"https://{escaped}:x@close.test/api/v1/") }));

        foreach (var e in failures)
        {
            texts.AddRange([e.Message, e.ToString()]);
            if (e is CloseApiException api) texts.AddRange([api.CloseError, api.Remedy]);
            for (var inner = e.InnerException; inner is not null; inner = inner.InnerException) texts.AddRange([inner.Message, inner.ToString()]);
        }
        foreach (var entry in log) texts.AddRange([entry.ToString(), entry.Note, entry.Path]);

        var forms = new[] { key, basic, basic.TrimEnd('='), escaped, escaped.ToLowerInvariant() };
        var searched = texts.Where(t => !string.IsNullOrEmpty(t)).ToList();
        output.WriteLine($"{searched.Count} texts searched for {forms.Distinct().Count()} encodings of the key; {log.Count} log entries, {failures.Count} failures.");
        Assert.True(searched.Count >= 60, $"only {searched.Count} texts");
        Assert.Equal(0, server.Seen.Count(s => s.Authorization != "Basic " + basic)); // the canary really was the key in use
        var hits = searched.SelectMany(t => forms.Where(f => t!.Contains(f, StringComparison.Ordinal)).Select(f => (Form: f, Text: t))).ToList();
        Assert.True(hits.Count == 0, string.Join("\n", hits.Select(h => $"[{h.Form}] in: {h.Text}")));
        Assert.Empty(server.Seen.Where(s => s.Uri.Host != "close.test"));
    }
}
