using global::Workflows;
using global::Workflows.Layouts;

namespace Build.Tests.Workflows.Layouts;

public class LayoutTests
{
    static readonly GitHubActionsAttribute Attribute = new("publish", "ubuntu-24.04")
    {
        On = [GitHubActionsTrigger.Push], InvokedTargets = ["Publish"], EnableGitHubToken = true, FetchDepth = 0,
        ReadPermissions = [GitHubActionsPermissions.Contents], JobWritePermissions = [GitHubActionsPermissions.Packages], TimeoutMinutes = 45,
    };

    static readonly NativePlatformsLayout Native = new(
        [new("linux/amd64", "ubuntu-24.04"), new("linux/arm64", "ubuntu-24.04-arm")], ["DockerBuildx"], ["Merge"], ["image", "digest"]);

    static Workflow Apply(Action<Workflow> layout)
    {
        var workflow = Attribute.CreateWorkflow();
        layout(workflow);
        return workflow;
    }

    static string Uses(WorkflowStep step) => step is ActionStep action ? action.Action.Repository : "run: " + ((BuildStep)step).Command;

    [Fact]
    public void Native_layout_builds_each_platform_on_its_runner_and_hands_digests_to_a_merge_job()
    {
        var workflow = Apply(w => Native.Apply(w, Attribute));

        Assert.Equal(["build", "merge"], workflow.Jobs.Select(job => job.Id));
        var build = workflow.Job("build");
        Assert.Equal(["${{ matrix.runner }}"], build.RunsOn);
        Assert.Equal(
            [("linux/amd64", "ubuntu-24.04", "linux-amd64"), ("linux/arm64", "ubuntu-24.04-arm", "linux-arm64")],
            build.Strategy!.MatrixInclude.Select(entry => (entry["platform"].Text, entry["runner"].Text, entry["slug"].Text)));
        Assert.Equal(
            ["actions/checkout", "actions/cache", "actions/cache", "docker/setup-buildx-action", "crazy-max/ghaction-github-runtime", "run: ./build.cmd DockerBuildx", "actions/upload-artifact"],
            build.Steps.Select(Uses));
        var platformRun = build.Steps.OfType<BuildStep>().Single();
        Assert.Equal("${{ matrix.platform }}", platformRun.Parameters["Platforms"].Text);
        Assert.Equal("${{ runner.temp }}/digests", platformRun.Parameters["DigestsDirectory"].Text);
        Assert.True(platformRun.GitHubToken);
        var upload = build.Steps.OfType<ActionStep>().Last();
        Assert.Equal("digests-${{ matrix.slug }}", upload.With["name"].Text);
        Assert.Equal("${{ runner.temp }}/digests", upload.With["path"].Text);

        var merge = workflow.Job("merge");
        Assert.Equal(["build"], merge.Needs);
        Assert.Equal(["ubuntu-24.04"], merge.RunsOn);
        Assert.Equal(
            ["actions/checkout", "actions/cache", "actions/cache", "actions/download-artifact", "docker/setup-buildx-action", "run: ./build.cmd Merge"],
            merge.Steps.Select(Uses));
        var download = merge.Steps.OfType<ActionStep>().Single(step => step.Action == ActionPins.DownloadArtifact);
        Assert.Equal("digests-*", download.With["pattern"].Text);
        Assert.Equal("${{ runner.temp }}/digests", download.With["path"].Text);
        var mergeRun = merge.Steps.OfType<BuildStep>().Single();
        Assert.Equal("merge", mergeRun.Id);
        Assert.Equal("linux/amd64,linux/arm64", mergeRun.Parameters["Platforms"].Text);
        Assert.Equal("${{ runner.temp }}/digests", mergeRun.Parameters["DigestsDirectory"].Text);
        Assert.Equal(
            [new("image", "${{ steps.merge.outputs.image }}"), new("digest", "${{ steps.merge.outputs.digest }}")],
            merge.Outputs);

        foreach (var job in workflow.Jobs)
        {
            Assert.Equal(45, job.TimeoutMinutes);
            Assert.Equal(PermissionLevel.Write, job.Permissions![GitHubActionsPermissions.Packages]);
            Assert.Equal(PermissionLevel.Read, job.Permissions[GitHubActionsPermissions.Contents]);
            Assert.Equal((WorkflowValue)0, ((ActionStep)job.Steps[0]).With["fetch-depth"]);
        }
        Assert.NotSame(workflow.Job("build").Permissions, workflow.Job("merge").Permissions);
    }

    [Fact]
    public void Single_layout_sets_up_qemu_buildx_and_the_runtime_before_the_build_on_one_runner()
    {
        var workflow = Apply(w => new SingleRunnerLayout("publish").Apply(w));

        var job = Assert.Single(workflow.Jobs);
        Assert.Equal("publish", job.Id);
        Assert.Equal(["ubuntu-24.04"], job.RunsOn);
        Assert.Equal(
            ["actions/checkout", "actions/cache", "actions/cache", "docker/setup-qemu-action", "docker/setup-buildx-action", "crazy-max/ghaction-github-runtime", "run: ./build.cmd Publish"],
            job.Steps.Select(Uses));
        Assert.Equal(PermissionLevel.Write, job.Permissions![GitHubActionsPermissions.Packages]);
    }

    [Fact]
    public void Every_job_sets_up_the_pinned_sdk_and_restores_the_compiled_build_before_packages()
    {
        var attribute = new GitHubActionsAttribute("publish", "ubuntu-24.04")
        {
            On = [GitHubActionsTrigger.Push], InvokedTargets = ["Publish"], DotNetGlobalJsonFile = "global.json",
            CacheIncludePatterns = ["build/bin"], CacheKeyFiles = ["build/**/*.cs"],
            CompileCacheIncludePatterns = ["~/.nuget/packages"], CompileCacheKeyFiles = ["build/**/*.csproj"],
        };
        var workflow = attribute.CreateWorkflow();
        Native.Apply(workflow, attribute);
        foreach (var job in workflow.Jobs)
        {
            var steps = job.Steps.OfType<ActionStep>().ToList();
            Assert.Equal([ActionPins.Checkout, ActionPins.SetupDotNet, ActionPins.Cache, ActionPins.Cache], steps.Take(4).Select(step => step.Action));
            Assert.Equal("global.json", steps[1].With["global-json-file"].Text);
            var (built, packages) = (steps[2], steps[3]);
            Assert.Equal("build/bin", built.With["path"].Text);
            Assert.Equal("${{ runner.os }}-${{ runner.arch }}-build-${{ hashFiles('build/**/*.cs') }}", built.With["key"].Text);
            Assert.Equal("${{ runner.os }}-${{ runner.arch }}-build-", built.With["restore-keys"].Text);
            // Packages are only for compiling: a job that restored the compiled build never downloads them.
            Assert.Equal($"steps.{built.Id}.outputs.cache-hit != 'true'", packages.If);
            Assert.Equal("${{ runner.os }}-${{ runner.arch }}-compile-${{ hashFiles('build/**/*.csproj') }}", packages.With["key"].Text);
        }
    }

    [Fact]
    public void Without_cache_key_files_there_is_no_cache_step()
    {
        var attribute = new GitHubActionsAttribute("publish", "ubuntu-24.04") { On = [GitHubActionsTrigger.Push], InvokedTargets = ["Publish"], CacheKeyFiles = [] };
        Assert.DoesNotContain(attribute.CreateWorkflow().Jobs.Single().Steps, step => step is ActionStep { Action.Repository: "actions/cache" });
    }

    [Fact]
    public void Platform_slugs_are_artifact_safe() =>
        Assert.Equal("linux-arm-v7", new PlatformRunner("linux/arm/v7", "ubuntu-24.04").Slug);
}
