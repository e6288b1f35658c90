using System.Net.Sockets;

namespace Closeio.Core.Tests.Http;

/// <summary>The key stays home: where the client will send it, and what any text it produces may hold.</summary>
public sealed class KeySafetyTests
{
    private static string Basic(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"));

    [Fact]
    public async Task Plain_http_to_another_machine_is_refused_before_any_request()
    {
        // A loopback proxy stands in for the network: had the client sent anything, it would have arrived here.
        using var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        var port = ((IPEndPoint)proxy.LocalEndpoint).Port;

        var e = await Assert.ThrowsAsync<InvalidBaseUriException>(async () =>
        {
            using var c = await CloseConnection.ConnectAsync(new CloseConnectionOptions
            {
                ApiKey = "http_key_9f8e7d6c5b",
                BaseUri = new Uri("http://close.example.invalid/api/v1/"),
                Proxy = new WebProxy($"http://127.0.0.1:{port}"),
                RequestTimeout = TimeSpan.FromMilliseconds(500),
                MaxRetries = 0,
            }, CancellationToken.None);
        });

        Assert.False(proxy.Pending(), "a connection was made");
        Assert.Contains("unencrypted", e.Message);
        Assert.Contains("https", e.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5150/api/v1/")]
    [InlineData("http://localhost:5150/api/v1/")]
    [InlineData("http://[::1]:5150/api/v1/")]
    [InlineData("https://api.close.com/api/v1/")]
    public void Https_and_plain_http_to_this_machine_are_accepted(string uri)
    {
        var options = new CloseConnectionOptions { ApiKey = "k", BaseUri = new Uri(uri) };
        Assert.Equal(uri, options.BaseUri.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://api.close.com/api/v1/", "ftp")]
    [InlineData("file:///tmp/api/v1/", "file")]
    public void Another_scheme_is_a_clear_error_with_a_stable_id(string uri, string scheme)
    {
        var e = Assert.Throws<InvalidBaseUriException>(() => new CloseConnectionOptions { ApiKey = "k", BaseUri = new Uri(uri) });

        Assert.Contains($"uses {scheme}:", e.Message);
    }

    [Theory]
    [InlineData("https://api_UserPartKey77:x@api.close.com/api/v1/")]
    [InlineData("http://api_UserPartKey77@127.0.0.1:5150/api/v1/")]
    public void A_key_in_the_uri_is_refused_and_never_repeated(string uri)
    {
        var e = Assert.Throws<InvalidBaseUriException>(() => new CloseConnectionOptions { ApiKey = "k", BaseUri = new Uri(uri) });

        Assert.DoesNotContain("UserPartKey77", e.ToString());
        Assert.Contains("-ApiKey", e.Message);
        Assert.Contains("CLOSEIO_API_KEY", e.Message);
        Assert.DoesNotContain("UserPartKey77", InvalidBaseUriException.Describe(new Uri(uri)));
    }

    [Fact]
    public async Task A_400_that_echoes_the_authorization_header_leaks_no_form_of_the_key()
    {
        var key = TestClient.ApiKey;
        using var t = new TestClient();
        t.Server.ThenJson(HttpStatusCode.BadRequest,
            $$"""{"error": "bad filter; request headers were Authorization: Basic {{Basic(key)}}, api_key={{Uri.EscapeDataString(key)}}"}""");

        var e = await Assert.ThrowsAsync<CloseApiException>(() => t.GetAsync("lead/"));

        foreach (var text in new[] { e.Message, e.ToString(), e.CloseError! })
        {
            Assert.DoesNotContain(Basic(key), text);
            Assert.DoesNotContain(Basic(key).TrimEnd('='), text);
        }
        Assert.Contains("Authorization: Basic ***", e.CloseError);
    }

    [Fact]
    public void Every_encoding_of_the_key_is_masked()
    {
        const string key = "api_7Qm+can/ARY=z.9";
        var texts = new[]
        {
            $"raw {key} end", $"Basic {Basic(key)}", $"Basic {Basic(key).TrimEnd('=')}",
            $"key={Uri.EscapeDataString(key)}&x=1", "key=api_7Qm%2bcan%2fARY%3dz.9",
            $"glued{key}glued", $"b64 {Convert.ToBase64String(Encoding.UTF8.GetBytes(key))}",
        };

        foreach (var text in texts)
        {
            var masked = new SecretRedactor(key).Redact(text);
            Assert.Contains("***", masked);
            Assert.False(new SecretRedactor(key).Exposes(masked), masked);
        }
    }

    [Fact]
    public void A_short_key_is_masked_as_a_word_and_prose_around_it_is_left_alone()
    {
        const string key = "xy";
        Assert.Equal("check the proxy settings", new SecretRedactor(key).Redact("check the proxy settings"));
        Assert.Equal("key *** refused", new SecretRedactor(key).Redact("key xy refused"));
        Assert.Equal("Authorization: Basic ***", new SecretRedactor(key).Redact($"Authorization: Basic {Basic(key)}"));
        Assert.Equal("api_key=***&a=1", new SecretRedactor(key).Redact("api_key=xy&a=1"));
    }
}
