using Build.Tests.Support;
using Docker;

namespace Build.Tests.Docker;

/// <summary>
/// Merge moves every final tag or none: a registry refusing the PUT of one tag (503 until the retries give up, or
/// 401) leaves every tag where it was, and no staging tag behind. Real dockerd, a registry with htpasswd auth,
/// and the fault proxy in front of it.
/// </summary>
public class AtomicMergeTests
{
    [SkippableTheory]
    [InlineData("latest", RegistryFault.Unavailable)]
    [InlineData("latest", RegistryFault.Unauthorized)]
    [InlineData("main", RegistryFault.Unavailable)]
    [InlineData("2", RegistryFault.Unauthorized)]
    public async Task A_refused_put_of_one_final_tag_leaves_every_final_tag_where_it_was(string failing, RegistryFault fault)
    {
        Need.Registry();
        using var own = new OwnRegistry("own", "own-pass-" + Guid.NewGuid().ToString("N")[..6]);
        using var proxy = new FaultyRegistryProxy(own.Port);
        using var sandbox = new DockerSandbox();
        await sandbox.LoginToBaseAsync();
        await sandbox.LoginAsync(proxy.Address, own.User, own.Password);
        var repository = DockerSandbox.UniqueRepository("all-or-none");
        var image = $"{proxy.Address}/{repository}";
        Func<RegistryApi> api = () => new RegistryApi(ImageReference.Parse(image), own.User, own.Password);
        var publisher = new ImagePublisher(sandbox.Docker, new TransientRetry(DockerSandbox.FastRetry));
        // One platform, no SBOM: the index is what this test is about, not the build.
        ImageBuildRequest Request(string[] tags) => sandbox.Request(image, tags, push: true, platforms: ["linux/amd64"]) with { Sbom = false };
        var first = Request(["1", "main", "latest"]);
        var builder = await BuilderProbe.ProbeAsync(sandbox.Docker, null, first.Platforms, onGitHubActions: false);
        var before = (await publisher.MergeAsync(first, await publisher.PushPlatformsAsync(first, builder), builder, api))!.Digest;

        sandbox.WriteFixture("second");
        // "2" is new, "main" and "latest" exist: they move in this order.
        var second = Request(["2", "main", "latest"]);
        var pushed = await publisher.PushPlatformsAsync(second, builder);
        proxy.Fail(FaultyRegistryProxy.PutOfTag(failing), fault);
        var error = await Assert.ThrowsAsync<BuildError>(() => publisher.MergeAsync(second, pushed, builder, api));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"Moving {image}:{failing}", error.Message);
        Assert.Contains("every tag is where it was", error.Message);
        if (failing == "latest") Assert.Contains("put back main", error.Message);
        if (failing != "2") Assert.Contains("removed the new 2", error.Message);
        var tags = await own.Reader.TagsAsync(repository);
        Assert.Equal(before, (await own.Reader.ManifestAsync(repository, "latest")).Digest);
        Assert.Equal(before, (await own.Reader.ManifestAsync(repository, "main")).Digest);
        Assert.Equal(before, (await own.Reader.ManifestAsync(repository, "1")).Digest);
        Assert.DoesNotContain("2", tags);
        Assert.DoesNotContain(tags, t => t.StartsWith("staging-", StringComparison.Ordinal));
        // The local engine keeps no staging image either.
        var local = await sandbox.Docker.RunAsync(new Tooling.ToolCommand("docker", ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}", image]), echoOutput: false);
        Assert.DoesNotContain(":staging-", local.StandardOutput);
    }

    [SkippableFact]
    public async Task An_interrupt_while_the_tags_move_is_a_failed_merge_with_every_tag_put_back()
    {
        Need.Registry();
        using var own = new OwnRegistry("own", "own-pass-" + Guid.NewGuid().ToString("N")[..6]);
        using var proxy = new FaultyRegistryProxy(own.Port);
        using var sandbox = new DockerSandbox();
        await sandbox.LoginToBaseAsync();
        await sandbox.LoginAsync(proxy.Address, own.User, own.Password);
        var repository = DockerSandbox.UniqueRepository("interrupted-merge");
        var image = $"{proxy.Address}/{repository}";
        Func<RegistryApi> api = () => new RegistryApi(ImageReference.Parse(image), own.User, own.Password);
        var publisher = new ImagePublisher(sandbox.Docker, new TransientRetry(DockerSandbox.FastRetry));
        ImageBuildRequest Request(string[] tags) => sandbox.Request(image, tags, push: true, platforms: ["linux/amd64"]) with { Sbom = false };
        var first = Request(["main", "latest"]);
        var builder = await BuilderProbe.ProbeAsync(sandbox.Docker, null, first.Platforms, onGitHubActions: false);
        var before = (await publisher.MergeAsync(first, await publisher.PushPlatformsAsync(first, builder), builder, api))!.Digest;
        sandbox.WriteFixture("second");
        var second = Request(["2", "main", "latest"]);
        var pushed = await publisher.PushPlatformsAsync(second, builder);
        // Ctrl-C arrives while "main" moves (the proxy passes that PUT on and sees it go by).
        using var interrupt = new CancellationTokenSource();
        var put = FaultyRegistryProxy.PutOfTag("main");
        proxy.Fail(line => { if (put(line)) interrupt.Cancel(); return false; }, RegistryFault.Drop);

        var error = await Assert.ThrowsAsync<BuildError>(() => publisher.MergeAsync(second, pushed, builder, api, interrupted: interrupt.Token));

        Assert.Contains("(interrupted); rolled back: put back main", error.Message);
        Assert.Contains("removed the new 2", error.Message);
        Assert.Equal(before, (await own.Reader.ManifestAsync(repository, "main")).Digest);
        Assert.Equal(before, (await own.Reader.ManifestAsync(repository, "latest")).Digest);
        var tags = await own.Reader.TagsAsync(repository);
        Assert.DoesNotContain("2", tags);
        Assert.DoesNotContain(tags, t => t.StartsWith("staging-", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Without_a_fault_every_tag_moves_to_the_new_index_and_nothing_staged_is_left()
    {
        Need.Registry();
        using var own = new OwnRegistry("own", "own-pass-" + Guid.NewGuid().ToString("N")[..6]);
        using var sandbox = new DockerSandbox();
        await sandbox.LoginToBaseAsync();
        await sandbox.LoginAsync(own.Address, own.User, own.Password);
        var repository = DockerSandbox.UniqueRepository("promote");
        var image = $"{own.Address}/{repository}";
        var publisher = new ImagePublisher(sandbox.Docker, new TransientRetry(DockerSandbox.FastRetry));
        var request = sandbox.Request(image, ["1", "latest"], push: true, platforms: ["linux/amd64"]) with { Sbom = false };
        var builder = await BuilderProbe.ProbeAsync(sandbox.Docker, null, request.Platforms, onGitHubActions: false);
        var gateSaw = new List<string?>();

        var published = await publisher.MergeAsync(request, await publisher.PushPlatformsAsync(request, builder), builder,
            () => new RegistryApi(ImageReference.Parse(image), own.User, own.Password),
            beforePromotion: (staged, current) => { gateSaw.AddRange(current.Select(c => c.Digest)); return Task.FromResult<string?>(null); });

        Assert.Equal([null, null], gateSaw);
        Assert.Equal(published!.Digest, (await own.Reader.ManifestAsync(repository, "1")).Digest);
        Assert.Equal(published.Digest, (await own.Reader.ManifestAsync(repository, "latest")).Digest);
        Assert.DoesNotContain(await own.Reader.TagsAsync(repository), t => t.StartsWith("staging-", StringComparison.Ordinal));
    }
}
