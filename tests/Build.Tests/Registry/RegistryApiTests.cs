using System.Net;
using System.Net.Http.Headers;
using Registry;

namespace Build.Tests.Registry;

public class RegistryApiTests
{
    /// <summary>A token registry: 401 with a Bearer challenge until the realm's token is presented.</summary>
    sealed class TokenRegistry : HttpMessageHandler
    {
        public List<string> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add($"{request.Method} {request.RequestUri!.PathAndQuery} {request.Headers.Authorization}");
            if (request.RequestUri.AbsolutePath == "/token")
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"token\":\"T0K\"}") });
            if (request.Headers.Authorization?.ToString() != "Bearer T0K")
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "realm=\"https://registry.example/token\",service=\"registry.example\""));
                return Task.FromResult(challenge);
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Headers = { { "Docker-Content-Digest", "sha256:abc" } } });
        }
    }

    [Fact]
    public async Task Follows_a_bearer_challenge_with_a_repository_scoped_token()
    {
        var registry = new TokenRegistry();
        using var api = new RegistryApi(ImageReference.Parse("registry.example/o/mlflow"), "u", new Secret("registry-api-pass"), registry);

        Assert.Equal("sha256:abc", await api.ResolveAsync("latest"));
        Assert.Equal("GET /token?scope=repository%3Ao%2Fmlflow%3Apull&service=registry.example Basic " + Convert.ToBase64String("u:registry-api-pass"u8.ToArray()), registry.Seen[1]);
        Assert.Equal("HEAD /v2/o/mlflow/manifests/latest Bearer T0K", registry.Seen[2]);
    }
}
