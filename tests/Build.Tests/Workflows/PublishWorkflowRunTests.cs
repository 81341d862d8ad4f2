using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Build.Tests.Components;
using Build.Tests.Docker;
using Build.Tests.Git;
using Build.Tests.GitHub;
using Build.Tests.Registry;
using Build.Tests.Support;

namespace Build.Tests.Workflows;

/// <summary>
/// The committed publish workflow run job by job (<see cref="WorkflowRunSimulation"/>) against the local registry:
/// what a push of a release tag publishes (docs/tags.md).
/// </summary>
public class PublishWorkflowRunTests
{
    [SkippableFact]
    public async Task A_v1_2_3_tag_push_publishes_its_release_tags_and_no_bare_hash()
    {
        Need.Registry();
        var (repository, sandbox) = await PublishFixture.PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var api = new FakeGitHubApi();
        repository.Git("tag", "v1.2.3");
        var image = $"test-release-{Guid.NewGuid():N}"[..24] + "/mlflow";
        var root = WorkflowYaml.Read(File.ReadAllText(BuildUnderTest.CommittedPath));
        Assert.Contains("v*", root.At("on", "push", "tags").AllNodes.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(n => n.Value));

        var environment = Variables(repository, sandbox, api, image, "push", "refs/tags/v1.2.3", new JsonObject { ["ref"] = "refs/tags/v1.2.3", ["base_ref"] = null });
        var run = Simulation(root, repository, "refs/tags/v1.2.3", sandbox, environment);

        await run.RunAsync();

        var sha7 = repository.Sha()[..7];
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        var published = (await reader.TagsAsync(image)).Where(t => !t.StartsWith("staging-") && !t.StartsWith("buildcache")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["1", "1.2", "1.2.3", $"v1.2.3-{sha7}"], published);
        Assert.DoesNotContain(published, tag => Regex.IsMatch(tag, "^[0-9a-f]{7}$"));
        Assert.Equal(["inputs", "build", "merge"], run.Outputs.Keys);
        Assert.Equal("true", run.JobOutputs["inputs"]["build"]);
        var merge = run.Outputs["merge"]["merge"];
        Assert.Equal($"{TestRegistry.Address}/{image}", merge["image"]);
        Assert.Contains($"{TestRegistry.Address}/{image}:1.2.3", merge["tags"].Split('\n'));
        var digests = (await Task.WhenAll(published.Select(tag => reader.ManifestAsync(image, tag)))).Select(m => m.Digest).Distinct();
        Assert.Equal(merge["digest"], Assert.Single(digests));
    }

    [SkippableFact]
    public async Task A_scheduled_run_with_nothing_changed_is_one_job_and_a_moved_tag_goes_back_without_a_build()
    {
        Need.Registry();
        var (repository, sandbox) = await PublishFixture.PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var api = new FakeGitHubApi();
        var image = $"test-unchanged-{Guid.NewGuid():N}"[..24] + "/mlflow";
        var root = WorkflowYaml.Read(File.ReadAllText(BuildUnderTest.CommittedPath));
        var main = new JsonObject { ["ref"] = "refs/heads/main" };
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        async Task<Dictionary<string, string>> FinalTagsAsync() => (await Task.WhenAll((await reader.TagsAsync(image))
                .Where(t => !t.StartsWith("staging-") && !t.StartsWith("buildcache") && !t.StartsWith("sha256-"))
                .Select(async tag => (tag, (await reader.ManifestAsync(image, tag)).Digest))))
            .ToDictionary(t => t.tag, t => t.Digest);

        // A push to main publishes (the first job finds nothing published: build).
        var pushed = Simulation(root, repository, repository.Sha(), sandbox, Variables(repository, sandbox, api, image, "push", "refs/heads/main", main));
        await pushed.RunAsync();
        Assert.Equal(["inputs", "build", "merge"], pushed.Outputs.Keys);
        var published = await FinalTagsAsync();
        var digest = Assert.Single(published.Values.Distinct());

        // The weekly scheduled run on the same commit and base: the first job only, and it says why.
        var scheduled = Simulation(root, repository, repository.Sha(), sandbox, Variables(repository, sandbox, api, image, "schedule", "refs/heads/main", main));
        await scheduled.RunAsync();
        Assert.Equal(["inputs"], scheduled.Outputs.Keys);
        Assert.Equal(new Dictionary<string, string> { ["inputs"] = "success", ["build"] = "skipped", ["merge"] = "skipped" }, scheduled.Results);
        Assert.Equal(("false", "false", digest), (scheduled.JobOutputs["inputs"]["build"], scheduled.JobOutputs["inputs"]["merge"], scheduled.JobOutputs["inputs"]["digest"]));
        Assert.Contains("Unchanged: ", Assert.Single(scheduled.Logs));
        Assert.Equal(published, await FinalTagsAsync());

        // A tag moved elsewhere: no platform job runs; the merge job moves it back to the index that holds the inputs.
        var moved = published.Keys.First(t => t != "latest");
        var other = await sandbox.Docker.RunAsync(new Tooling.ToolCommand("docker", ["buildx", "imagetools", "create", "--tag", $"{TestRegistry.Address}/{image}:{moved}",
            $"{Build.Tests.Smoke.SmokeStack.ServerImage}:{TestRegistry.StandInVersion}"]));
        Assert.True(other.Succeeded, other.StandardError);
        Assert.NotEqual(digest, (await FinalTagsAsync())[moved]);
        var restoring = Simulation(root, repository, repository.Sha(), sandbox, Variables(repository, sandbox, api, image, "schedule", "refs/heads/main", main));
        await restoring.RunAsync();
        Assert.Equal(["inputs", "merge"], restoring.Outputs.Keys);
        Assert.Equal(("false", "true"), (restoring.JobOutputs["inputs"]["build"], restoring.JobOutputs["inputs"]["merge"]));
        Assert.True(restoring.Logs[^1].Contains($"Moved {moved} to {TestRegistry.Address}/{image}@{digest} without a rebuild"), restoring.Logs[^1]);
        Assert.Equal(published, await FinalTagsAsync());
        Assert.Equal(digest, restoring.Outputs["merge"]["merge"]["digest"]);
    }

    /// <summary>A run's variables: GitHub's, and the repository's own (where to publish, and the base: the server stand-in).</summary>
    static Dictionary<string, string> Variables(TemporaryGitRepository repository, DockerSandbox sandbox, FakeGitHubApi api, string image, string eventName, string gitRef, JsonObject payload)
    {
        var environment = PublishFixture.Actions(repository, sandbox, api, eventName, gitRef, payload);
        environment["GITHUB_ACTOR"] = TestRegistry.User;
        environment["REGISTRY"] = TestRegistry.Address;
        environment["IMAGE_NAME"] = image;
        // The platform jobs run the smoke test: on the server stand-in, with PostgreSQL and s3rver on this machine
        // (GitHub's runners start them as containers).
        var storage = Build.Tests.Smoke.SmokeStack.Require();
        environment["MLFLOW_IMAGE"] = Build.Tests.Smoke.SmokeStack.ServerImage;
        environment["MLFLOW_VERSION"] = TestRegistry.StandInVersion;
        environment["SMOKE_SERVICES"] = "local";
        environment["SMOKE_STORAGE_SERVER"] = storage;
        return environment;
    }

    static WorkflowRunSimulation Simulation(YamlDotNet.RepresentationModel.YamlMappingNode root, TemporaryGitRepository repository, string checkout, DockerSandbox sandbox, Dictionary<string, string> environment) =>
        new(root, repository, checkout, sandbox.WorkDirectory)
        {
            Environment = environment,
            Secrets = new Dictionary<string, string> { ["GITHUB_TOKEN"] = TestRegistry.Password },
        };
}
