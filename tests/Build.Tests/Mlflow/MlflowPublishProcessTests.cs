using System.Text.Json.Nodes;
using Build.Tests.Components;
using Build.Tests.Docker;
using Build.Tests.GitHub;
using Build.Tests.Registry;
using Build.Tests.Support;

namespace Build.Tests.Mlflow;

/// <summary>
/// Publishing MLflow versions to the local registry on a default-branch push (the compiled build as a process):
/// each version gets its own tags, only the newest latest/3/3.1, and the image's version label is MLflow's.
/// </summary>
public class MlflowPublishProcessTests
{
    [SkippableFact]
    public async Task Two_versions_in_one_run_get_their_own_tags_only_the_newest_the_moving_ones_and_a_failing_version_moves_nothing()
    {
        Need.Registry();
        await using var run = await MlflowPublishRun.StartAsync();
        // The older one second: the newer must still get 3.1/3/latest, and 3.0.1 must not take them.
        var (exitCode, output) = await run.PublishAsync("--mlflow-versions", "v3.1.1,v3.0.1");
        Assert.True(exitCode == 0, output);
        var sha7 = run.Sha7;
        var tags = await run.TagDigestsAsync();
        Assert.Equal(new[] { "3", "3.0", "3.0.1", $"3.0.1-{sha7}", "3.1", "3.1.1", $"3.1.1-{sha7}", "latest", "main", $"main-{sha7}" }, tags.Keys.Order(StringComparer.Ordinal));
        Assert.All(new[] { "3", "3.1", $"3.1.1-{sha7}", "latest", "main", $"main-{sha7}" }, t => Assert.Equal(tags["3.1.1"], tags[t]));
        Assert.Equal(tags["3.0.1"], tags["3.0"]);
        Assert.Equal(tags["3.0.1"], tags[$"3.0.1-{sha7}"]);
        Assert.NotEqual(tags["3.0.1"], tags["3.1.1"]);
        Assert.Equal("3.0.1", await run.LabelAsync("3.0.1", "org.opencontainers.image.version"));
        Assert.Equal("3.1.1", await run.LabelAsync("latest", "org.opencontainers.image.version"));
        // A section per version (each with its digest), then the run's table.
        Assert.Contains("## MLflow 3.1.1 image published", run.Summary);
        Assert.Contains("## MLflow 3.0.1 image published", run.Summary);
        Assert.Contains($"| Digest | `{tags["3.1.1"]}` |", run.Summary);
        Assert.Contains($"| Digest | `{tags["3.0.1"]}` |", run.Summary);
        Assert.Contains("| `3.0.1` | done (section above) |", run.Summary);

        // One version fails (its base does not exist): the run fails naming it, and no tag of the other moves.
        File.Delete(run.SummaryFile);
        (exitCode, output) = await run.PublishAsync("--mlflow-versions", "v3.1.1,v3.9.9");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("MLflow v3.9.9 failed (its log is above); v3.1.1 went through, each with its own tags; a failed version moved none of its tags.", output);
        Assert.Equal(tags, await run.TagDigestsAsync());
        Assert.Contains("| `3.9.9` | **failed** (exit code 255): none of its tags moved |", run.Summary);
    }

    [SkippableFact]
    public async Task A_publish_of_unchanged_inputs_builds_nothing_and_one_over_a_changed_base_rebuilds_and_moves_every_tag()
    {
        Need.Registry();
        await using var run = await MlflowPublishRun.StartAsync("v3.1.1");
        var (exitCode, output) = await run.PublishAsync("--mlflow-version", "v3.1.1");
        Assert.True(exitCode == 0, output);
        var tags = await run.TagDigestsAsync();
        Assert.Equal(new[] { "3", "3.1", "3.1.1", $"3.1.1-{run.Sha7}", "latest", "main", $"main-{run.Sha7}" }, tags.Keys.Order(StringComparer.Ordinal));

        // The weekly rebuild of the same commit on the same base, even without the cache: nothing built, pushed or moved.
        run.Environment["GITHUB_EVENT_NAME"] = "schedule";
        File.Delete(run.SummaryFile);
        (exitCode, output) = await run.PublishAsync("--mlflow-version", "v3.1.1", "--no-cache");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("buildx build", output);
        Assert.DoesNotContain("pushed by digest", output);
        Assert.Equal(tags, await run.TagDigestsAsync());
        Assert.Contains("## MLflow 3.1.1 image unchanged", run.Summary);
        Assert.Matches($"> Unchanged: `{tags["3.1.1"]}` already carries inputs `sha256:[0-9a-f]{{64}}` \\(base `sha256:[0-9a-f]{{64}}`\\)", run.Summary);

        // A security fix in the base under the same MLflow version: built on the new base (pulled), every tag moves, together.
        run.Environment["GITHUB_EVENT_NAME"] = "push";
        await run.PushBaseAsync(["v3.1.1"], changed: true);
        (exitCode, output) = await run.PublishAsync("--mlflow-version", "v3.1.1");
        Assert.True(exitCode == 0, output);
        Assert.Contains("the base image changed, so it is pulled", output);
        Assert.Contains("--pull", output);
        var moved = await run.TagDigestsAsync();
        Assert.Equal(tags.Keys.Order(StringComparer.Ordinal), moved.Keys.Order(StringComparer.Ordinal));
        Assert.All(tags.Keys, t => Assert.NotEqual(tags[t], moved[t]));
        Assert.Single(moved.Values.Distinct());
    }

    [SkippableFact]
    public async Task A_moved_tag_goes_back_without_a_rebuild_and_force_or_a_changed_build_argument_builds_again()
    {
        Need.Registry();
        await using var run = await MlflowPublishRun.StartAsync("v3.1.1");
        var (exitCode, output) = await run.PublishAsync("--mlflow-version", "v3.1.1");
        Assert.True(exitCode == 0, output);
        var tags = await run.TagDigestsAsync();

        // Someone pointed latest at something else: it goes back to the published index, with no build.
        await run.PointTagAtAPlatformImageAsync("latest");
        Assert.NotEqual(tags["latest"], (await run.TagDigestsAsync())["latest"]);
        (exitCode, output) = await run.PublishAsync("--mlflow-version", "v3.1.1");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("buildx build", output);
        Assert.Contains($"Moved latest to {run.Image}@{tags["latest"]} without a rebuild", output);
        Assert.Equal(tags, await run.TagDigestsAsync());

        // --force builds; the same inputs make the same platform images, so the tags stay.
        (exitCode, output) = await run.PublishAsync("--mlflow-version", "v3.1.1", "--force");
        Assert.True(exitCode == 0, output);
        Assert.Contains("buildx build", output);
        Assert.Equal(tags, await run.TagDigestsAsync());

        // A changed build argument builds and moves every tag.
        (exitCode, output) = await run.PublishAsync("--mlflow-version", "v3.1.1", "--boto3-version", "1.34.0");
        Assert.True(exitCode == 0, output);
        Assert.Contains("buildx build", output);
        var moved = await run.TagDigestsAsync();
        Assert.All(tags.Keys, t => Assert.NotEqual(tags[t], moved[t]));
    }
}

/// <summary>
/// One test's registry repositories: a base with v3.1.1 and v3.0.1 (made from the stand-in, never touching it), an
/// image repository, a default-branch push's GitHub Actions variables, and the job summary file.
/// </summary>
sealed class MlflowPublishRun : IAsyncDisposable
{
    readonly Git.TemporaryGitRepository repository;
    readonly DockerSandbox sandbox;
    readonly FakeGitHubApi api = new();
    readonly RegistryReader reader = new(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
    readonly string id = Guid.NewGuid().ToString("N")[..10];

    MlflowPublishRun(Git.TemporaryGitRepository repository, DockerSandbox sandbox)
    {
        this.repository = repository;
        this.sandbox = sandbox;
        Environment = PublishFixture.Actions(repository, sandbox, api, "push", "refs/heads/main", new JsonObject());
        Environment["REGISTRY_PASSWORD"] = TestRegistry.Password;
        Environment["GITHUB_STEP_SUMMARY"] = SummaryFile;
    }

    public static async Task<MlflowPublishRun> StartAsync(params string[] versions)
    {
        var (repository, sandbox) = await PublishFixture.PrepareAsync();
        var run = new MlflowPublishRun(repository, sandbox);
        await run.PushBaseAsync(versions.Length > 0 ? versions : ["v3.1.1", "v3.0.1"]);
        return run;
    }

    public Dictionary<string, string> Environment { get; }
    public string Name => $"test-mlflow-{id}/mlflow";
    public string BaseImage => $"{TestRegistry.Address}/test-mlflow-base-{id}/mlflow";
    public string Sha7 => repository.Sha()[..7];
    public string RepositoryPath => repository.Path;
    public string SummaryFile => Path.Combine(sandbox.WorkDirectory, "summary.md");
    public string Summary => File.Exists(SummaryFile) ? File.ReadAllText(SummaryFile) : "";

    /// <summary>`Publish` to the test's image repository from the test's base; <paramref name="extra"/> says which versions.</summary>
    public Task<(int ExitCode, string Output)> PublishAsync(params string[] extra) =>
        BuildProcess.RunAsync(repository.Path, Environment,
            ["Publish", "--registry", TestRegistry.Address, "--registry-username", TestRegistry.User, "--image-name", Name, "--mlflow-image", BaseImage, .. extra]);

    /// <summary>
    /// The base, made from the shared stand-in with /dev, /proc, /sys and /etc/hosts in place as real bases have
    /// them (the stand-in lacks them, so the runtime's mount points would enter our layer with the build's time).
    /// <paramref name="changed"/>: a security fix under the same MLflow version.
    /// </summary>
    public async Task PushBaseAsync(IReadOnlyList<string> tags, bool changed = false)
    {
        var directory = Path.Combine(sandbox.WorkDirectory, "base-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Dockerfile"),
            $"FROM {TestRegistry.StandInImage}:{TestRegistry.StandInVersion}\nRUN touch /etc/hostname{(changed ? " && echo fix > /security-fix" : "")}\n");
        var build = new global::Docker.BuildxBuildSettings(directory)
        {
            Platforms = ["linux/amd64", "linux/arm64"], Tags = [.. tags.Select(tag => $"{BaseImage}:{tag}")],
            Provenance = "false", Output = new global::Docker.BuildxOutput.Push(),
        };
        var result = await new global::Registry.TransientRetry(DockerSandbox.FastRetry).RunAsync($"pushing {BaseImage}", () => sandbox.Docker.RunAsync(build.ToCommand()));
        Assert.True(result.Succeeded, result.StandardError);
    }

    /// <summary>Every final tag of the image repository and the digest it names (staging and cache tags left out).</summary>
    public async Task<Dictionary<string, string>> TagDigestsAsync()
    {
        var digests = new Dictionary<string, string>();
        foreach (var tag in await reader.TagsAsync(Name))
            if (!tag.StartsWith("staging-", StringComparison.Ordinal) && !tag.StartsWith("buildcache", StringComparison.Ordinal))
                digests[tag] = (await reader.ManifestAsync(Name, tag)).Digest;
        return digests;
    }

    public string Image => $"{TestRegistry.Address}/{Name}";

    /// <summary>Points <paramref name="tag"/> at the amd64 image of the index it names (a tag moved by hand).</summary>
    public async Task PointTagAtAPlatformImageAsync(string tag)
    {
        using var api = new global::Registry.RegistryApi(global::Registry.ImageReference.Parse(Image), TestRegistry.User, TestRegistry.PasswordSecret);
        var index = await api.ManifestAsync(tag);
        var amd64 = await api.ManifestAsync(index!.ChildDigests[0]);
        await api.PutManifestAsync(tag, amd64!);
    }

    /// <summary>A label of the amd64 image under <paramref name="tag"/>.</summary>
    public async Task<string?> LabelAsync(string tag, string key)
    {
        var (_, index) = await reader.ManifestAsync(Name, tag);
        var amd64 = index["manifests"]!.AsArray().First(m => m!["platform"]!["architecture"]!.GetValue<string>() == "amd64")!["digest"]!.GetValue<string>();
        var (_, manifest) = await reader.ManifestAsync(Name, amd64);
        var config = await reader.BlobAsync(Name, manifest["config"]!["digest"]!.GetValue<string>());
        return config["config"]?["Labels"]?[key]?.GetValue<string>();
    }

    public ValueTask DisposeAsync()
    {
        api.Dispose();
        sandbox.Dispose();
        repository.Dispose();
        return ValueTask.CompletedTask;
    }
}
