using Build.Tests.Engine;
using Build.Tests.Git;
using Build.Tests.Support;

namespace Build.Tests.Components;

/// <summary>The components know no product: a build class that changes only its own file publishes another image.</summary>
public class SecondBuildClassTests
{
    [Fact]
    public void A_second_build_class_builds_its_own_dockerfile_with_its_own_arguments_names_and_summary()
    {
        using var repository = TemporaryGitRepository.Create();
        repository.Git("remote", "add", "origin", "https://github.com/Acme/Shop.git");
        repository.Commit("first");
        using var run = new InProcessRun();
        var exitCode = run.Run(new WebImageBuild(), [], ["Publish", "--dry-run", "--platforms", "linux/amd64,linux/arm64", "--root", repository.Path], repository.Path);

        var output = run.Output;
        Assert.True(exitCode == 0, output);
        Assert.Contains($"--file {Path.Combine(repository.Path, "web", "Containerfile")}", output);
        Assert.Contains("--build-arg GREETING=hello", output);
        // Its buildx seam: the label is on the build command.
        Assert.Contains("--label com.example.team=web", output);
        Assert.Contains("ghcr.io/acme/shop/web:main", output);
        Assert.Contains($"dest={Path.Combine(repository.Path, "artifacts", "web.oci.tar")}", output);
        Assert.Contains("## Web image: dry run (nothing built or pushed)", output);
        Assert.DoesNotContain("mlflow", output, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task A_second_build_class_without_signing_publishes_and_moves_its_tags()
    {
        // Signing is an add-on the build class lists (ISign); this one does not, so it has no cosign parameters at all.
        Assert.False(typeof(global::Components.ISign).IsAssignableFrom(typeof(WebImageBuild)));
        Assert.DoesNotContain(ParameterMember.Discover(typeof(WebImageBuild)), p => p.Name.StartsWith("Cosign", StringComparison.Ordinal) || p.Name == "Sign");
        Need.Registry();
        using var repository = TemporaryGitRepository.Create();
        Directory.CreateDirectory(Path.Combine(repository.Path, "web"));
        File.WriteAllText(Path.Combine(repository.Path, "web", "Containerfile"), $"FROM {TestRegistry.StandInImage}:{TestRegistry.StandInVersion}\nARG GREETING\nLABEL greeting=$GREETING\n");
        repository.Commit("the web image");
        using var sandbox = new Build.Tests.Docker.DockerSandbox();
        await sandbox.LoginToBaseAsync();
        var image = $"test-web-{Guid.NewGuid():N}"[..18] + "/web";
        using var run = new InProcessRun();
        run.Environment["DOCKER_CONFIG"] = sandbox.ConfigDirectory;
        run.Environment["REGISTRY_PASSWORD"] = TestRegistry.Password;

        var exitCode = run.Run(new WebImageBuild(), [], ["Publish", "--push", "--registry", TestRegistry.Address, "--registry-username", TestRegistry.User,
            "--image-name", image, "--platforms", "linux/amd64", "--root", repository.Path], repository.Path);

        Assert.True(exitCode == 0, run.Output);
        Assert.Matches(@"Merge\s+Succeeded", run.Output);
        Assert.DoesNotContain("cosign", run.Output, StringComparison.OrdinalIgnoreCase);
        var reader = new Build.Tests.Registry.RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        var tags = (await reader.TagsAsync(image)).Where(t => !t.StartsWith("buildcache", StringComparison.Ordinal)).ToList();
        Assert.Contains("main", tags);
        Assert.DoesNotContain(tags, t => t.StartsWith("staging-", StringComparison.Ordinal) || t.StartsWith("sha256-", StringComparison.Ordinal));
        var manifests = await Task.WhenAll(tags.Select(t => reader.ManifestAsync(image, t)));
        Assert.Contains($"{TestRegistry.Address}/{image}@{Assert.Single(manifests.Select(m => m.Digest).Distinct())}", run.Output);
        // Its index seam: the annotation the build class adds is on the published index.
        Assert.Equal("web", manifests[0].Manifest["annotations"]?["com.example.team"]?.GetValue<string>());
    }

    [Fact]
    public void Without_a_GitHub_origin_the_image_has_a_local_name_and_the_branch_tags_only()
    {
        using var repository = TemporaryGitRepository.Create();
        repository.Commit("first");
        using var run = new InProcessRun();
        var exitCode = run.Run(new WebImageBuild(), [], ["Publish", "--dry-run", "--root", repository.Path], repository.Path);

        var output = run.Output;
        Assert.True(exitCode == 0, output);
        var local = $"local/{Path.GetFileName(repository.Path).ToLowerInvariant()}/web";
        Assert.Contains($"tag        | {local}:", output);
        Assert.Contains($"| Image | `{local}` |", output);
        Assert.DoesNotContain("ghcr.io", output);
        // Labels without a value (no GitHub data for a description) are not listed.
        Assert.DoesNotMatch(@"label\s+\| [^\n]*=\n", output);
    }

    [Fact]
    public void The_plan_of_the_second_build_is_the_same_pipeline()
    {
        using var run = new InProcessRun();
        Assert.Equal(0, run.Run(new WebImageBuild(), "Publish", "--plan"));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(run.Output, @"\. Checkout .*\. Tag .*\. Login .*\. DockerBuildx .*\. Merge .*\. Summary .*\. Publish ",
            System.Text.RegularExpressions.RegexOptions.Singleline), run.Output);
    }

    [Fact]
    public async Task The_staging_run_key_is_made_once_per_run()
    {
        using var repository = TemporaryGitRepository.Create();
        repository.Commit("first");
        async Task<global::Components.IDockerBuildx> Resolved()
        {
            global::Components.IDockerBuildx docker = new WebImageBuild { RootDirectory = new AbsolutePath(repository.Path) };
            await docker.ResolveBuildInputsAsync();
            return docker;
        }
        var docker = await Resolved();
        // Locally there is no GitHub run id, so the key is random: one per run, however often the request is made.
        Assert.Equal(docker.DockerBuildRequest.RunKey, docker.DockerBuildRequest.RunKey);
        Assert.NotEqual(docker.DockerBuildRequest.RunKey, (await Resolved()).DockerBuildRequest.RunKey);
    }
}
