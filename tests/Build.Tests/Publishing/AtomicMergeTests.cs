using Build.Tests.Registry;
using Build.Tests.Support;
using Docker;
using Publishing;

namespace Build.Tests.Publishing;

/// <summary>
/// Merge moves every final tag or none: a registry refusing the PUT of one tag (503 until the retries give up, or
/// 401) or an interrupt while the tags move leaves every tag where it was, and no staging tag behind. Real dockerd,
/// a registry with htpasswd auth, and the fault proxy in front of it.
/// </summary>
public class AtomicMergeTests
{
    /// <summary>One platform, no SBOM: the index is what these tests are about, not the build.</summary>
    static ImageBuildRequest Request(ProxiedRegistry stage, string[] tags) =>
        stage.Sandbox.Request(stage.Image, tags, push: true, platforms: ["linux/amd64"]) with { Sbom = false };

    /// <summary>"1", "main" and "latest" on a first index; then a second build's platform pushed, to go under "2", "main", "latest" (moved in that order).</summary>
    static async Task<(string Before, ImageBuildRequest Second, IReadOnlyList<PlatformImage> Pushed, BuilderInfo Builder)> SecondBuildAsync(ProxiedRegistry stage)
    {
        var first = Request(stage, ["1", "main", "latest"]);
        var builder = await BuilderProbe.ProbeAsync(stage.Sandbox.Docker, null, first.Platforms, onGitHubActions: false);
        var before = await stage.PublishAsync(first, builder);
        stage.Sandbox.WriteFixture("second");
        var second = Request(stage, ["2", "main", "latest"]);
        return (before, second, await stage.Publisher.PushPlatformsAsync(second, builder), builder);
    }

    static async Task AssertEveryTagWhereItWasAsync(ProxiedRegistry stage, string before)
    {
        foreach (var tag in new[] { "1", "main", "latest" }) Assert.Equal(before, await stage.DigestOfAsync(tag));
        var tags = await stage.TagsAsync();
        Assert.DoesNotContain("2", tags);
        Assert.DoesNotContain(tags, t => t.StartsWith("staging-", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("latest", RegistryFault.Unavailable)]
    [InlineData("latest", RegistryFault.Unauthorized)]
    [InlineData("main", RegistryFault.Unavailable)]
    [InlineData("2", RegistryFault.Unauthorized)]
    public async Task A_refused_put_of_one_final_tag_leaves_every_final_tag_where_it_was(string failing, RegistryFault fault)
    {
        Need.Registry();
        using var stage = await ProxiedRegistry.StartAsync("all-or-none");
        var (before, second, pushed, builder) = await SecondBuildAsync(stage);
        stage.Proxy.Fail(FaultyRegistryProxy.PutOfTag(failing), fault);

        var error = await Assert.ThrowsAsync<BuildError>(() => stage.Publisher.MergeAsync(second, pushed, builder, stage.Api));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"Moving {stage.Image}:{failing}", error.Message);
        Assert.Contains("every tag is where it was", error.Message);
        if (failing == "latest") Assert.Contains("put back main", error.Message);
        if (failing != "2") Assert.Contains("removed the new 2", error.Message);
        await AssertEveryTagWhereItWasAsync(stage, before);
        // The local engine keeps no staging image either.
        var local = await stage.Sandbox.Docker.RunAsync(new Tooling.ToolCommand("docker", ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}", stage.Image]), echoOutput: false);
        Assert.DoesNotContain(":staging-", local.StandardOutput);
    }

    [SkippableFact]
    public async Task An_interrupt_while_the_tags_move_is_a_failed_merge_with_every_tag_put_back()
    {
        Need.Registry();
        using var stage = await ProxiedRegistry.StartAsync("interrupted-merge");
        var (before, second, pushed, builder) = await SecondBuildAsync(stage);
        // Ctrl-C arrives while "main" moves (the proxy passes that PUT on and sees it go by).
        using var interrupt = new CancellationTokenSource();
        var put = FaultyRegistryProxy.PutOfTag("main");
        stage.Proxy.Fail(line => { if (put(line)) interrupt.Cancel(); return false; }, RegistryFault.Drop);

        var error = await Assert.ThrowsAsync<BuildError>(() => stage.Publisher.MergeAsync(second, pushed, builder, stage.Api, interrupted: interrupt.Token));

        Assert.Contains("(interrupted); rolled back: put back main", error.Message);
        Assert.Contains("removed the new 2", error.Message);
        await AssertEveryTagWhereItWasAsync(stage, before);
    }

    [SkippableFact]
    public async Task Without_a_fault_every_tag_moves_to_the_new_index_after_the_gate_saw_the_old_ones()
    {
        Need.Registry();
        using var stage = await ProxiedRegistry.StartAsync("promote");
        var (before, second, pushed, builder) = await SecondBuildAsync(stage);
        var gateSaw = new List<string?>();

        var published = await stage.Publisher.MergeAsync(second, pushed, builder, stage.Api,
            beforePromotion: (staged, current) => { gateSaw.AddRange(current.Select(c => c.Digest)); return Task.FromResult<string?>(null); });

        Assert.Equal([null, before, before], gateSaw);
        foreach (var tag in new[] { "2", "main", "latest" }) Assert.Equal(published!.Digest, await stage.DigestOfAsync(tag));
        Assert.Equal(before, await stage.DigestOfAsync("1"));
        Assert.DoesNotContain(await stage.TagsAsync(), t => t.StartsWith("staging-", StringComparison.Ordinal));
    }
}
