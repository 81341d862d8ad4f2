using System.Text.Json.Nodes;
using GitHub;
using Publishing;

namespace Build.Tests.Publishing;

public class PolicyTests
{
    static GitHubContext Actions(string eventName, string? headRepository = null) => new()
    {
        IsGitHubActions = true, EventName = eventName, Repository = "Owner/Repo",
        Payload = headRepository is null ? new JsonObject()
            : new JsonObject { ["pull_request"] = new JsonObject { ["head"] = new JsonObject { ["repo"] = new JsonObject { ["full_name"] = headRepository } } } },
    };

    [Theory]
    [InlineData("push", true)]
    [InlineData("workflow_dispatch", true)]
    [InlineData("schedule", true)]
    [InlineData("issue_comment", false)]
    public void On_GitHub_Actions_events_decide(string eventName, bool push) =>
        Assert.Equal(push, PushPolicy.Decide(null, Actions(eventName)).Push);

    [Fact]
    public void Same_repository_pull_requests_push() => Assert.True(PushPolicy.Decide(null, Actions("pull_request", "owner/repo")).Push);

    [Fact]
    public void Fork_pull_requests_never_push_and_say_why()
    {
        var decision = PushPolicy.Decide(true, Actions("pull_request", "someone/fork"));
        Assert.False(decision.Push);
        Assert.Contains("fork", decision.Reason);
        Assert.Contains("read-only", decision.Reason);
    }

    [Theory]
    [InlineData("\"false\"", false)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("true", true)]
    public void A_run_by_hand_with_the_push_input_off_builds_only(string input, bool push)
    {
        var context = Actions("workflow_dispatch") with { Payload = new JsonObject { ["inputs"] = new JsonObject { ["push"] = JsonNode.Parse(input) } } };
        var decision = PushPolicy.Decide(null, context);
        Assert.Equal(push, decision.Push);
        if (!push) Assert.Contains("push input off", decision.Reason);
        Assert.True(PushPolicy.Decide(true, context).Push); // --push given wins
    }

    [Fact]
    public void Locally_only_push_pushes()
    {
        Assert.False(PushPolicy.Decide(null, new GitHubContext()).Push);
        Assert.True(PushPolicy.Decide(true, new GitHubContext()).Push);
        Assert.False(PushPolicy.Decide(false, Actions("push")).Push);
    }

    static readonly Dictionary<string, string?> NoCacheService = new();
    static readonly Dictionary<string, string?> CacheV2 = new() { ["ACTIONS_RUNTIME_TOKEN"] = "t", ["ACTIONS_RESULTS_URL"] = "https://results/" };

    [Fact]
    public void GitHub_cache_when_its_runtime_is_there_with_a_scope_per_platform()
    {
        var cache = CachePolicy.Choose(CacheV2, push: true, "ghcr.io/o/r/mlflow", "linux-arm64");
        Assert.Equal(["type=gha,scope=mlflow-linux-arm64"], cache.From);
        Assert.Equal(["type=gha,scope=mlflow-linux-arm64,mode=max"], cache.To);
        Assert.True(CachePolicy.HasGitHubCache(new Dictionary<string, string?> { ["ACTIONS_RUNTIME_TOKEN"] = "t", ["ACTIONS_CACHE_URL"] = "u" }));
        Assert.False(CachePolicy.HasGitHubCache(new Dictionary<string, string?> { ["ACTIONS_RESULTS_URL"] = "u" }));
    }

    [Fact]
    public void Registry_cache_when_pushing_elsewhere_none_otherwise()
    {
        var cache = CachePolicy.Choose(NoCacheService, push: true, "r/i", "linux-amd64");
        Assert.Equal(["type=registry,ref=r/i:buildcache-linux-amd64"], cache.From);
        Assert.Equal(["type=registry,ref=r/i:buildcache-linux-amd64,mode=max"], cache.To);
        Assert.Equal(CacheSettings.None, CachePolicy.Choose(NoCacheService, push: false, "r/i", null));
    }

    [Fact]
    public void CacheFrom_and_CacheTo_override_their_own_half()
    {
        var cache = CachePolicy.Choose(NoCacheService, push: true, "r/i", null, cacheFrom: ["type=local,src=/c"]);
        Assert.Equal(["type=local,src=/c"], cache.From);
        Assert.Equal(["type=registry,ref=r/i:buildcache,mode=max"], cache.To);
    }
}
