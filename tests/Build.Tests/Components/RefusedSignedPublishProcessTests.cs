using Build.Tests.Registry;
using Build.Tests.Signing;
using Build.Tests.Support;

using static Build.Tests.Components.PublishFixture;

namespace Build.Tests.Components;

/// <summary>
/// `./build.sh Publish --cosign-key` whose promotion the registry refuses after signing: the compiled build, real
/// cosign, an htpasswd registry of the test's own behind the fault proxy. Nothing of the run stays in the tag list.
/// </summary>
public class RefusedSignedPublishProcessTests
{
    [SkippableFact]
    public async Task A_503_on_the_move_of_main_after_signing_leaves_the_registrys_tag_list_exactly_as_before_the_run()
    {
        Need.Registry();
        using var stage = await ProxiedRegistry.StartAsync("refused-publish");
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var keys = await CosignKeys.GenerateAsync();
        var environment = new Dictionary<string, string>
        {
            ["DOCKER_CONFIG"] = stage.Sandbox.ConfigDirectory, ["REGISTRY_PASSWORD"] = stage.Own.Password, ["COSIGN_PASSWORD"] = keys.Password,
        };
        string[] publish = ["Publish", "--push", "--registry", stage.Proxy.Address, "--image-name", stage.Repository, "--registry-username", stage.Own.User,
            "--platforms", "linux/amd64", "--cosign-key", keys.PrivateKey, .. StandIn];

        var (first, firstOutput) = await BuildProcess.RunAsync(repository.Path, environment, publish);
        Assert.True(first == 0, firstOutput);
        var before = await TagsAsync(stage);
        Assert.Contains(before.Keys, t => t.EndsWith(".sig", StringComparison.Ordinal));

        // A new commit with a changed image: every tag would move, and "main" is refused until the retries give up.
        File.AppendAllText(Path.Combine(repository.Path, "dockerfile.mlflow"), "\nLABEL org.example.change=\"second\"\n");
        repository.Commit("second image");
        stage.Proxy.Fail(FaultyRegistryProxy.PutOfTag("main"), RegistryFault.Unavailable);
        var (second, secondOutput) = await BuildProcess.RunAsync(repository.Path, environment, publish);

        Assert.NotEqual(0, second);
        Assert.Contains("> cosign sign", secondOutput);
        Assert.Contains("every tag is where it was", secondOutput);
        Assert.Contains("Removed the signatures of the index no tag holds", secondOutput);
        Assert.Equal(before, await TagsAsync(stage));
    }

    /// <summary>Every tag and what it holds, but the registry cache (each build exports it; it is no publication).</summary>
    static async Task<Dictionary<string, string>> TagsAsync(ProxiedRegistry stage)
    {
        var tags = new Dictionary<string, string>();
        foreach (var tag in (await stage.TagsAsync()).Where(t => !t.StartsWith("buildcache", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            tags[tag] = await stage.DigestOfAsync(tag);
        return tags;
    }
}
