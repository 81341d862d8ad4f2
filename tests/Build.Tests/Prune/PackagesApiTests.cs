using System.Net;
using Build.Tests.GitHub;
using Octokit;
using Prune;

namespace Build.Tests.Prune;

/// <summary>The API edge without a registry: owner kinds, and the retry budget for rate limits.</summary>
public class PackagesApiTests
{
    [Fact]
    public async Task An_organisation_uses_orgs_paths_and_a_user_whose_token_cannot_read_user_uses_users_paths()
    {
        using var fake = new FakeGitHubApi()
            .Serve("/users/acme", """{"login":"acme","id":1,"type":"Organization"}""")
            .Serve("/users/bob", """{"login":"bob","id":2,"type":"User"}""");
        var api = new PackagesApi(fake.Url, new Secret("packages-api-test-token"), new ApiRetry(maxAttempts: 1));
        Assert.Equal("orgs/acme", (await api.OwnerAsync("acme")).PathPrefix);
        var bob = await api.OwnerAsync("bob");
        Assert.Equal("users/bob", bob.PathPrefix);
        Assert.Equal("gh api --method POST /users/bob/packages/container/app%2Fmlflow/versions/42/restore", api.RestoreCommand(bob, "app/mlflow", 42));
    }

    [Fact]
    public async Task The_token_owner_uses_user_paths()
    {
        using var fake = new FakeGitHubApi()
            .Serve("/users/bob", """{"login":"bob","id":2,"type":"User"}""")
            .Serve("/user", """{"login":"bob","id":2,"type":"User"}""");
        Assert.Equal("user", (await new PackagesApi(fake.Url, new Secret("packages-api-test-token"), new ApiRetry(maxAttempts: 1)).OwnerAsync("bob")).PathPrefix);
    }

    /// <summary>An API answer as Octokit sees it (its own Response type is internal).</summary>
    sealed class FakeResponse(HttpStatusCode status, object body, Dictionary<string, string> headers, string contentType) : IResponse
    {
        public object Body => body;
        public IReadOnlyDictionary<string, string> Headers => headers;
        public ApiInfo ApiInfo => null!;
        public HttpStatusCode StatusCode => status;
        public string ContentType => contentType;
    }

    static ApiException Throttled(string retryAfter) =>
        new(new FakeResponse((HttpStatusCode)429, "{\"message\":\"slow down\"}", new Dictionary<string, string> { ["Retry-After"] = retryAfter }, "application/json"));

    [Fact]
    public async Task A_429_is_retried_after_the_wait_it_names()
    {
        var calls = 0;
        var value = await new ApiRetry(maxAttempts: 3).RunAsync("list", () => ++calls < 3 ? throw Throttled("0") : Task.FromResult(42));
        Assert.Equal((42, 3), (value, calls));
    }

    [Fact]
    public async Task A_wait_beyond_the_budget_stops_cleanly_at_once()
    {
        var calls = 0;
        var stop = await Assert.ThrowsAsync<ApiBudgetExhausted>(() =>
            new ApiRetry(maxAttempts: 5, waitBudget: TimeSpan.FromMinutes(1)).RunAsync("list", () => { calls++; return Task.FromException<int>(Throttled("3600")); }));
        Assert.Equal(1, calls);
        Assert.Contains("wait 3600 s", stop.Message);
    }

    [Fact]
    public async Task A_refusal_is_not_retried()
    {
        var calls = 0;
        await Assert.ThrowsAsync<ForbiddenException>(() => new ApiRetry().RunAsync("delete", () =>
        {
            calls++;
            return Task.FromException<int>(new ForbiddenException(new FakeResponse(HttpStatusCode.Forbidden, "{\"message\":\"no\"}", new Dictionary<string, string>(), "application/json")));
        }));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task An_API_nobody_answers_is_not_retried()
    {
        var calls = 0;
        var stop = await Assert.ThrowsAsync<ApiBudgetExhausted>(() => new ApiRetry().RunAsync("GET /users/acme", () =>
        {
            calls++;
            return Task.FromException<int>(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (api.github.com:443)"));
        }));
        Assert.Equal((1, false), (calls, stop.Retry));
        Assert.Contains("no answer at all", stop.Message);
    }

    [Fact]
    public async Task A_cancelled_call_is_not_retried_and_stops_at_once()
    {
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        var call = new ApiRetry().RunAsync("list", async () => { calls++; await Task.Delay(TimeSpan.FromMinutes(1)); return 1; }, cancel.Token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(100));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30)); // the call itself waits a minute
        Assert.Equal(1, calls);
    }
}
