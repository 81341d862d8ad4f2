using Build.Tests.Engine;
using Build.Tests.Git;

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
        Assert.Contains("ghcr.io/acme/shop/web:main", output);
        Assert.Contains($"dest={Path.Combine(repository.Path, "artifacts", "web.oci.tar")}", output);
        Assert.Contains("## Web image: dry run (nothing built or pushed)", output);
        Assert.DoesNotContain("mlflow", output, StringComparison.OrdinalIgnoreCase);
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
    public void The_staging_run_key_is_made_once_per_run()
    {
        using var repository = TemporaryGitRepository.Create();
        repository.Commit("first");
        var build = new WebImageBuild { RootDirectory = new AbsolutePath(repository.Path) };
        global::Components.IDockerBuildx docker = build;
        // Locally there is no GitHub run id, so the key is random: one per run, however often the request is made.
        Assert.Equal(docker.DockerBuildRequest.RunKey, docker.DockerBuildRequest.RunKey);
        Assert.NotEqual(docker.DockerBuildRequest.RunKey, ((global::Components.IDockerBuildx)new WebImageBuild { RootDirectory = new AbsolutePath(repository.Path) }).DockerBuildRequest.RunKey);
    }
}
