using System.Text.Json.Nodes;
using Build.Tests.Docker;
using Build.Tests.Registry;
using Build.Tests.Support;
using Docker;
using Publishing;
using Registry;

namespace Build.Tests.Publishing;

/// <summary>The publisher against the real dockerd, BuildKit and the registry with htpasswd auth.</summary>
public class PublishIntegrationTests
{
    static ImagePublisher Publisher(DockerSandbox sandbox) => new(sandbox.Docker, new TransientRetry(DockerSandbox.FastRetry));

    static Func<RegistryApi> Api(string image, string user, string password) => () => new RegistryApi(ImageReference.Parse(image), user, new Secret(password));

    static IEnumerable<string> PlatformsOf(JsonObject index) =>
        index["manifests"]!.AsArray().Select(m => $"{m!["platform"]!["os"]}/{m["platform"]!["architecture"]}").Where(p => p != "unknown/unknown").Order();

    [SkippableFact]
    public async Task Two_platforms_pushed_with_auth_read_back_through_the_registry_api_then_rebuilt_from_the_registry_cache()
    {
        Need.Registry();
        using var sandbox = new DockerSandbox();
        await sandbox.LoginToBaseAsync();
        var repository = DockerSandbox.UniqueRepository("push");
        var image = $"{TestRegistry.Address}/{repository}";
        var request = sandbox.Request(image, ["1.0", "latest"], push: true);
        var builder = await BuilderProbe.ProbeAsync(sandbox.Docker, null, request.Platforms, onGitHubActions: false);
        var publisher = Publisher(sandbox);

        var platforms = await publisher.PushPlatformsAsync(request, builder);
        // The index Merge composes itself is, byte for byte, the one buildx would make of the same platforms.
        var buildx = await sandbox.Docker.RunAsync((request.ForIndex(platforms, builder) with { Tags = [], DryRun = true }).ToCommand(), echoOutput: false);
        Assert.True(buildx.Succeeded, buildx.StandardError);
        var published = await publisher.MergeAsync(request, platforms, builder, Api(image, TestRegistry.User, TestRegistry.Password));
        var digest = published!.Digest;
        Assert.Equal(new ManifestBytes("", System.Text.Encoding.UTF8.GetBytes(buildx.StandardOutput.TrimEnd('\n'))).Digest, digest);

        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        // Every tag, the per-platform caches, and no staging tag left behind.
        Assert.Equal(["1.0", "buildcache", "latest"], await reader.TagsAsync(repository));
        var (latest, index) = await reader.ManifestAsync(repository, "latest");
        Assert.Equal(digest, latest);
        Assert.Equal(digest, (await reader.ManifestAsync(repository, "1.0")).Digest);
        Assert.Equal(["linux/amd64", "linux/arm64"], PlatformsOf(index));
        Assert.Equal(["linux/amd64", "linux/arm64"], published.Platforms.Select(p => p.Platform));
        Assert.All(published.Platforms, p => Assert.Contains(index["manifests"]!.AsArray(), m => m!["digest"]!.GetValue<string>() == p.Digest));
        Assert.Equal("fixture", index["annotations"]?["org.opencontainers.image.title"]?.GetValue<string>());
        // Provenance (mode=max) and SBOM attestations survive the merge.
        Assert.Equal(2, index["manifests"]!.AsArray().Count(m => m!["annotations"]?["vnd.docker.reference.type"]?.GetValue<string>() == "attestation-manifest"));
        foreach (var entry in index["manifests"]!.AsArray().Where(m => m!["platform"]!["os"]!.GetValue<string>() == "linux"))
        {
            var (_, manifest) = await reader.ManifestAsync(repository, entry!["digest"]!.GetValue<string>());
            Assert.Equal("made by a test", manifest["annotations"]?["org.opencontainers.image.description"]?.GetValue<string>());
            var config = await reader.BlobAsync(repository, manifest["config"]!["digest"]!.GetValue<string>());
            Assert.Equal("yes", config["config"]?["Labels"]?["org.example.fixture"]?.GetValue<string>());
            Assert.Equal("1.0", config["config"]?["Labels"]?["org.opencontainers.image.version"]?.GetValue<string>());
        }

        // Again, and the registry cache is imported: the log names the cache ref and the steps come out CACHED.
        var again = await sandbox.Docker.RunAsync((request with { RunKey = "again" }).ForPush(builder).ToCommand());
        Assert.True(again.Succeeded, again.StandardError);
        var log = again.StandardError + again.StandardOutput;
        Assert.Contains($"importing cache manifest from {image}:buildcache", log);
        Assert.Contains("CACHED", log);
    }

    [SkippableFact]
    public async Task One_platform_without_push_loads_into_the_local_engine()
    {
        Need.Registry();
        using var sandbox = new DockerSandbox();
        await sandbox.LoginToBaseAsync();
        var image = $"test-docker-load-{Guid.NewGuid().ToString("N")[..8]}/mlflow";
        var request = sandbox.Request(image, ["dev"], push: false, platforms: ["linux/amd64"]);
        var builder = await BuilderProbe.ProbeAsync(sandbox.Docker, null, request.Platforms, onGitHubActions: false);
        try
        {
            var publication = await Publisher(sandbox).BuildLocalAsync(request, builder, "local");
            Assert.False(publication.Pushed);
            var run = await sandbox.Docker.RunAsync(new Tooling.ToolCommand("docker", ["run", "--rm", $"{image}:dev", "cat", "/built.txt"]));
            Assert.Equal("built on x86_64: first", run.StandardOutput.Trim());
        }
        finally { await sandbox.Docker.RunAsync(new Tooling.ToolCommand("docker", ["image", "rm", $"{image}:dev"])); }
    }

    [SkippableFact]
    public async Task A_failure_after_the_first_platform_leaves_latest_at_its_previous_digest()
    {
        Need.Registry();
        // The registry "goes away" through the proxy: every later request is closed unanswered (docker sees EOF).
        // Killing the registry instead raced with its in-flight answers (EOF, reset or refused, by timing).
        using var stage = await ProxiedRegistry.StartAsync("atomic");
        var builder = await BuilderProbe.ProbeAsync(stage.Sandbox.Docker, null, ["linux/amd64", "linux/arm64"], onGitHubActions: false);
        var before = await stage.PublishAsync(stage.Sandbox.Request(stage.Image, ["1", "latest"], push: true), builder);

        stage.Sandbox.WriteFixture("second");
        var second = stage.Sandbox.Request(stage.Image, ["2", "latest"], push: true);
        // Both platforms are pushed in one solve; the registry goes away before the index step reads them.
        var error = await Assert.ThrowsAsync<BuildError>(async () =>
        {
            var pushed = await stage.Publisher.PushPlatformsAsync(second, builder, _ => { stage.Proxy.DropEverything(); return Task.CompletedTask; });
            await stage.Publisher.MergeAsync(second, pushed, builder, stage.Api);
        });
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("transient", error.Message);

        Assert.Equal(before, await stage.DigestOfAsync("latest"));
        Assert.DoesNotContain("2", await stage.TagsAsync());
    }
}

/// <summary>Transient registry failures during a real push, and a dry run that runs nothing.</summary>
public class TransientAndDryRunTests
{
    [SkippableFact]
    public async Task A_push_answered_with_503_is_retried_and_then_succeeds()
    {
        Need.Registry();
        using var stage = await ProxiedRegistry.StartAsync("transient");
        var (own, proxy, sandbox, repository) = (stage.Own, stage.Proxy, stage.Sandbox, stage.Repository);
        var (request, builder) = await OnePlatformAsync(stage);
        // The docker driver's one push (docker push of the staging tag): its index PUT is answered 503 twice.
        proxy.Fail(FaultyRegistryProxy.PutOfTag(request.StagingTag), RegistryFault.Unavailable, times: 2);

        var platforms = await stage.Publisher.PushPlatformsAsync(request, builder);

        Assert.Equal(2, proxy.FailuresServed);
        Assert.Equal(1, sandbox.Docker.Commands.Count(c => c.Arguments is ["buildx", "build", ..]));
        // docker push gives up on the 503 it meets (dockerd may retry a PUT once itself); our retry runs it again.
        Assert.InRange(sandbox.Docker.Commands.Count(c => c.Arguments is ["push", ..]), 2, 3);
        Assert.Equal(platforms[0].Digest, (await own.Reader.ManifestAsync(repository, platforms[0].StagingTag!)).Digest);
    }

    [SkippableFact]
    public async Task A_manifest_refused_for_a_blob_the_registry_lacks_is_pushed_again()
    {
        Need.Registry();
        using var stage = await ProxiedRegistry.StartAsync("blob-unknown");
        var (request, builder) = await OnePlatformAsync(stage);
        // 400 MANIFEST_BLOB_UNKNOWN to the staging tag's PUT: a push made again uploads what is missing.
        stage.Proxy.Fail(FaultyRegistryProxy.PutOfTag(request.StagingTag), RegistryFault.BlobUnknown, times: 1);

        var platforms = await stage.Publisher.PushPlatformsAsync(request, builder);

        // Pushed again by our retry (or, now and then, by dockerd retrying the PUT itself): the staging tag is whole.
        Assert.Equal(1, stage.Proxy.FailuresServed);
        Assert.InRange(stage.Sandbox.Docker.Commands.Count(c => c.Arguments is ["push", ..]), 1, 2);
        Assert.Equal(platforms[0].Digest, await stage.DigestOfAsync(request.StagingTag));
    }

    [SkippableFact]
    public async Task A_build_failing_after_it_stored_its_image_ends_only_once_the_push_it_started_has_ended()
    {
        Need.Registry();
        using var stage = await ProxiedRegistry.StartAsync("late-failure");
        var (own, proxy, sandbox, repository) = (stage.Own, stage.Proxy, stage.Sandbox, stage.Repository);
        var (request, builder) = await OnePlatformAsync(stage);
        // The cache export, which runs after the exporter stored the image (and the push began), is refused:
        // a 401 is not retried, so the build fails while (or just after) its image is pushed.
        proxy.Fail(line => line.StartsWith("PUT /v2/", StringComparison.Ordinal) && line.Contains("/manifests/buildcache"), RegistryFault.Unauthorized);
        // And the push is slow to finish: the build has failed long before it ends.
        proxy.Slow(FaultyRegistryProxy.PutOfTag(request.StagingTag), TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<BuildError>(() => stage.Publisher.PushPlatformsAsync(request, builder));

        Assert.Contains("refused", error.Message);
        Assert.Equal(1, sandbox.Docker.Commands.Count(c => c.Arguments is ["buildx", "build", ..]));
        // The push started when the image was stored, and had ended when the failure was reported: the staging tag
        // is whole (for CleanStaging to remove), and no docker process still names the repository.
        Assert.Equal(1, sandbox.Docker.Commands.Count(c => c.Arguments is ["push", ..]));
        var tags = await own.Reader.TagsAsync(repository);
        Assert.Contains(request.StagingTag, tags);
        Assert.DoesNotContain(Directory.GetDirectories("/proc").Select(d =>
        {
            try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); } catch (Exception) { return ""; }
        }), line => line.Contains(repository) && line.Contains("docker"));
        Assert.Equal([request.StagingTag], tags);
    }

    /// <summary>A one-platform push request to the stage's repository (no SBOM: quicker), and the sandbox's builder.</summary>
    static async Task<(ImageBuildRequest, BuilderInfo)> OnePlatformAsync(ProxiedRegistry stage)
    {
        var request = stage.Sandbox.Request(stage.Image, ["1"], push: true, platforms: ["linux/amd64"]) with { Sbom = false };
        return (request, await BuilderProbe.ProbeAsync(stage.Sandbox.Docker, null, request.Platforms, false));
    }

    [SkippableFact]
    public async Task A_dry_run_prints_the_commands_in_order_and_runs_none()
    {
        Need.Registry();
        using var sandbox = new DockerSandbox();
        var dry = new DockerCli(dryRun: true, sandbox.Docker.Environment);
        var repository = DockerSandbox.UniqueRepository("dry");
        var image = $"{TestRegistry.Address}/{repository}";
        var request = sandbox.Request(image, ["1", "latest"], push: true);
        await dry.RunAsync(new DockerLoginSettings(TestRegistry.Address, "ci", new Secret("dry-run-sentinel")).ToCommand());
        var builder = await BuilderProbe.ProbeAsync(dry, null, request.Platforms, onGitHubActions: false);
        var publisher = new ImagePublisher(dry, new TransientRetry(DockerSandbox.FastRetry));
        var platforms = await publisher.PushPlatformsAsync(request, builder);
        var published = await publisher.MergeAsync(request, platforms, builder, () => throw new InvalidOperationException("a dry run must not call the registry"));

        Assert.Null(published);
        Assert.Equal(
            ["login", "buildx inspect", "buildx build", $"push {image}:{request.StagingTag}"],
            dry.Commands.Select(c => string.Join(' ', c.Arguments.Take(c.Arguments[0] == "login" ? 1 : 2))));
        Assert.All(dry.Commands, c => Assert.DoesNotContain("dry-run-sentinel", c.ToString()));
        Assert.Contains("linux/amd64,linux/arm64", dry.Commands[^2].Arguments);
        Assert.Empty(await new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password).TagsAsync(repository));
        Assert.False(File.Exists(Path.Combine(sandbox.ConfigDirectory, "config.json")));
    }
}
