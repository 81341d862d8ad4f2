using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Build.Tests.Components;
using Build.Tests.Docker;
using Build.Tests.Support;

namespace Build.Tests.GitHub.Workflows;

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

        var environment = PublishFixture.Actions(repository, sandbox, api, "push", "refs/tags/v1.2.3",
            new JsonObject { ["ref"] = "refs/tags/v1.2.3", ["base_ref"] = null });
        // The repository's own variables: where to publish and the base to build from (the stand-in; ghcr.io is out of reach).
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
        var run = new WorkflowRunSimulation(root, repository, "refs/tags/v1.2.3", sandbox.WorkDirectory)
        {
            Environment = environment,
            Secrets = new Dictionary<string, string> { ["GITHUB_TOKEN"] = TestRegistry.Password },
        };

        await run.RunAsync();

        var sha7 = repository.Sha()[..7];
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        var published = (await reader.TagsAsync(image)).Where(t => !t.StartsWith("staging-") && !t.StartsWith("buildcache")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["1", "1.2", "1.2.3", $"v1.2.3-{sha7}"], published);
        Assert.DoesNotContain(published, tag => Regex.IsMatch(tag, "^[0-9a-f]{7}$"));
        Assert.Equal(2, run.Outputs.Count);
        var merge = run.Outputs["merge"]["merge"];
        Assert.Equal($"{TestRegistry.Address}/{image}", merge["image"]);
        Assert.Contains($"{TestRegistry.Address}/{image}:1.2.3", merge["tags"].Split('\n'));
        var digests = (await Task.WhenAll(published.Select(tag => reader.ManifestAsync(image, tag)))).Select(m => m.Digest).Distinct();
        Assert.Equal(merge["digest"], Assert.Single(digests));
    }
}
