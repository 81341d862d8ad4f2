using System.Net;
using System.Net.Http.Headers;
using Registry;

namespace Build.Tests.Registry;

/// <summary>RegistryTagList against ghcr.io's way of answering (in process): an anonymous token, then pages by Link.</summary>
public class RegistryTagListTests
{
    /// <summary>ghcr.io-like: 401 with a Bearer challenge, an anonymous token from the realm, two pages of tags.</summary>
    sealed class AnonymousTokenRegistry(bool refuseToken = false, string? nextPage = null) : HttpMessageHandler
    {
        public List<string> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add($"{request.Method} {request.RequestUri} {request.Headers.Authorization}");
            var uri = request.RequestUri!;
            if (uri.AbsolutePath == "/token")
                return Answer(refuseToken ? HttpStatusCode.Forbidden : HttpStatusCode.OK, """{"token":"anon"}""");
            if (request.Headers.Authorization?.ToString() != "Bearer anon")
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "realm=\"https://ghcr.example/token\",service=\"ghcr.example\",scope=\"repository:mlflow/mlflow:pull\""));
                return Task.FromResult(challenge);
            }
            if (uri.Query.Contains("last=v3.1.1"))
                return Answer(HttpStatusCode.OK, """{"name":"mlflow/mlflow","tags":["v3.2.0rc0","latest"]}""");
            var first = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"name":"mlflow/mlflow","tags":["v3.0.1","v3.1.1"]}""") };
            first.Headers.TryAddWithoutValidation("Link", $"<{nextPage ?? "/v2/mlflow/mlflow/tags/list?n=2&last=v3.1.1"}>; rel=\"next\"");
            return Task.FromResult(first);
        }

        static Task<HttpResponseMessage> Answer(HttpStatusCode status, string json) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json) });
    }

    static readonly ImageReference Ghcr = ImageReference.Parse("ghcr.example/mlflow/mlflow");

    [Fact]
    public async Task Without_a_login_it_takes_an_anonymous_token_and_follows_every_page()
    {
        var registry = new AnonymousTokenRegistry();
        using var api = new RegistryApi(Ghcr, null, null, registry);

        var tags = await RegistryTagList.ListAsync(api, Ghcr, pageSize: 2);

        Assert.Equal(["v3.0.1", "v3.1.1", "v3.2.0rc0", "latest"], tags);
        Assert.Equal("GET https://ghcr.example/token?scope=repository%3Amlflow%2Fmlflow%3Apull&service=ghcr.example ", registry.Seen[1]);   // no credentials
        Assert.Equal("GET https://ghcr.example/v2/mlflow/mlflow/tags/list?n=2&last=v3.1.1 Bearer anon", registry.Seen[^1]);
    }

    [Fact]
    public async Task A_refused_token_is_one_line()
    {
        using var api = new RegistryApi(Ghcr, null, null, new AnonymousTokenRegistry(refuseToken: true));
        var error = await Assert.ThrowsAsync<BuildError>(() => RegistryTagList.ListAsync(api, Ghcr));
        Assert.StartsWith("ghcr.example refused to list the tags of ghcr.example/mlflow/mlflow (401 Unauthorized)", error.Message);
    }

    [Fact]
    public async Task A_next_page_on_another_host_is_not_followed_with_the_registrys_token()
    {
        var registry = new AnonymousTokenRegistry(nextPage: "https://elsewhere.example/v2/mlflow/mlflow/tags/list?last=v3.1.1");
        using var api = new RegistryApi(Ghcr, null, null, registry);
        var error = await Assert.ThrowsAsync<BuildError>(() => RegistryTagList.ListAsync(api, Ghcr));
        Assert.Contains("another host (elsewhere.example)", error.Message);
        Assert.DoesNotContain(registry.Seen, seen => seen.Contains("elsewhere"));
    }
}
