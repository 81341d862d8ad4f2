using System.Text.RegularExpressions;
using Build.Tests.Docker;
using Build.Tests.Git;
using Build.Tests.Registry;
using Build.Tests.Support;

using static Build.Tests.Components.PublishFixture;

namespace Build.Tests.Components;

/// <summary>
/// Login, DockerBuildx, Merge and Publish as a user runs them: the compiled build as a process on a throwaway
/// git repository holding the project's dockerfile.mlflow, against the real dockerd and registries.
/// </summary>
public class DockerTargetsProcessTests
{
    static Dictionary<string, string> Environment(DockerSandbox sandbox, string? password = null)
    {
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory };
        if (password is not null) environment["REGISTRY_PASSWORD"] = password;
        return environment;
    }

    /// <summary>The tags Tag printed in its table ("tag | ref").</summary>
    static IReadOnlyList<string> ComputedTags(string output) =>
        Regex.Matches(output, @"\btag\s+\| (\S+)").Select(m => m.Groups[1].Value).Distinct().ToList();

    [SkippableFact]
    public async Task Publish_push_puts_exactly_the_computed_tags_on_a_two_platform_index_and_the_secret_leaks_nowhere()
    {
        Need.Registry();
        var sentinel = "publish-sentinel-" + Guid.NewGuid().ToString("N");
        using var own = new OwnRegistry("pusher", sentinel);
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var repositoryName = DockerSandbox.UniqueRepository("process");

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, sentinel),
            ["Publish", "--push", "--registry", own.Address, "--image-name", repositoryName, "--registry-username", "pusher",
             "--platforms", "linux/amd64,linux/arm64", .. StandIn]);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(sentinel, output);
        var tags = ComputedTags(output);
        Assert.Contains($"{own.Address}/{repositoryName}:main", tags);
        var reader = own.Reader;
        Assert.Equal(
            tags.Select(t => t[(t.LastIndexOf(':') + 1)..]).Concat(["buildcache"]).Order(StringComparer.Ordinal),
            await reader.TagsAsync(repositoryName));
        var (digest, index) = await reader.ManifestAsync(repositoryName, "main");
        Assert.Contains($"Published {own.Address}/{repositoryName}@{digest}", output);
        var images = index["manifests"]!.AsArray().Where(m => m!["platform"]!["os"]!.GetValue<string>() == "linux").ToList();
        Assert.Equal(["amd64", "arm64"], images.Select(m => m!["platform"]!["architecture"]!.GetValue<string>()).Order());
        Assert.Equal(repository.Sha(), index["annotations"]?["org.opencontainers.image.revision"]?.GetValue<string>());
        foreach (var image in images)
        {
            var (_, manifest) = await reader.ManifestAsync(repositoryName, image!["digest"]!.GetValue<string>());
            var config = await reader.BlobAsync(repositoryName, manifest["config"]!["digest"]!.GetValue<string>());
            Assert.Equal(repository.Sha(), config["config"]?["Labels"]?["org.opencontainers.image.revision"]?.GetValue<string>());
            Assert.DoesNotContain(sentinel, config.ToJsonString());
            Assert.NotEmpty(config["history"]!.AsArray());
        }
        // Logged out again; the stand-in registry's login (made before the run) is still there.
        var dockerConfig = File.ReadAllText(Path.Combine(sandbox.ConfigDirectory, "config.json"));
        Assert.DoesNotContain(own.Address, dockerConfig);
        Assert.Contains(TestRegistry.Address, dockerConfig);
    }

    [SkippableFact]
    public async Task A_local_push_publishes_both_platforms_without_empty_labels_and_explains_the_empty_cache()
    {
        Need.Registry();
        using var own = new OwnRegistry("pusher", "local-push-password");
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var repositoryName = DockerSandbox.UniqueRepository("localpush");

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, "local-push-password"),
            ["Publish", "--push", "--registry", own.Address, "--image-name", repositoryName, "--registry-username", "pusher", .. StandIn]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("is empty (nothing cached yet, e.g. the first push): building without it.", output);
        Assert.DoesNotContain("failed to configure registry cache importer", output);
        var (_, index) = await own.Reader.ManifestAsync(repositoryName, "main");
        var images = index["manifests"]!.AsArray().Where(m => m!["platform"]!["os"]!.GetValue<string>() == "linux").ToList();
        Assert.Equal(["amd64", "arm64"], images.Select(m => m!["platform"]!["architecture"]!.GetValue<string>()).Order());
        Assert.DoesNotContain(index["annotations"]?.AsObject() ?? [], a => a.Value?.GetValue<string>() == "");
        var (__2, manifest) = await own.Reader.ManifestAsync(repositoryName, images[0]!["digest"]!.GetValue<string>());
        var labels = (await own.Reader.BlobAsync(repositoryName, manifest["config"]!["digest"]!.GetValue<string>()))["config"]!["Labels"]!.AsObject();
        Assert.StartsWith("MLflow tracking server", labels["org.opencontainers.image.description"]!.GetValue<string>());
        Assert.DoesNotContain(labels, l => l.Value?.GetValue<string>() == "");
    }

    [SkippableFact]
    public async Task Continue_after_a_failed_push_recomputes_the_tags_logs_in_again_and_publishes()
    {
        Need.Registry();
        using var own = new OwnRegistry("pusher", "continue-password");
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var repositoryName = DockerSandbox.UniqueRepository("continue");
        string[] arguments = ["Publish", "--push", "--registry", own.Address, "--image-name", repositoryName, "--registry-username", "pusher", .. StandIn];

        // The first attempt fails in DockerBuildx (a platform the builder lacks, given through the environment so
        // the invocation, and with it the attempt file's hash, stays the same), after Checkout, Tag and Login.
        var failing = Environment(sandbox, "continue-password");
        failing["PLATFORMS"] = "linux/s390x";
        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, failing, arguments);
        Assert.True(exitCode != 0, output);
        Assert.Matches(@"Tag\s+Succeeded", output);

        (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, "continue-password"), [.. arguments, "--continue"]);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("Build invocation changed", output);
        Assert.DoesNotContain("computed no tags", output);
        Assert.Matches(@"Tag\s+Succeeded", output);
        Assert.Matches(@"Login\s+Succeeded", output);
        Assert.Contains("main", await own.Reader.TagsAsync(repositoryName));
    }

    [SkippableFact]
    public async Task Per_platform_commands_without_push_say_in_one_line_that_they_need_it()
    {
        Need.Registry(); // PrepareAsync logs in to the test registry
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        foreach (var target in new[] { "DockerBuildx", "Merge" })
        {
            var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox),
                [target, "--skip", "--platforms", "linux/arm64", "--digests-directory", "digests", .. StandIn]);
            Assert.NotEqual(0, exitCode);
            Assert.Contains(output.Split('\n'), l => l.Contains("[ERR]") && l.Contains("add --push"));
            Assert.DoesNotContain("   at ", output);
        }
    }

    [SkippableFact]
    public async Task Per_platform_jobs_hand_their_digests_to_Merge_and_no_tag_exists_before_it()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var repositoryName = DockerSandbox.UniqueRepository("merge");
        var digests = Path.Combine(sandbox.WorkDirectory, "digests");
        string[] common = ["--push", "--registry", TestRegistry.Address, "--image-name", repositoryName, "--registry-username", TestRegistry.User, "--digests-directory", digests, .. StandIn];
        var environment = Environment(sandbox, TestRegistry.Password);

        foreach (var platform in new[] { "linux/amd64", "linux/arm64" })
        {
            var (built, buildOutput) = await BuildProcess.RunAsync(repository.Path, environment, ["DockerBuildx", "--platforms", platform, .. common]);
            Assert.True(built == 0, buildOutput);
        }
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        Assert.DoesNotContain("main", await reader.TagsAsync(repositoryName));
        Assert.Equal(["linux-amd64", "linux-arm64"], Directory.GetFiles(digests).Select(Path.GetFileName).Order());

        var (merged, output) = await BuildProcess.RunAsync(repository.Path, environment, ["Merge", .. common]);

        Assert.True(merged == 0, output);
        var (digest, index) = await reader.ManifestAsync(repositoryName, "main");
        Assert.Contains($"@{digest}", output);
        Assert.Equal(4, index["manifests"]!.AsArray().Count);
        Assert.DoesNotContain(await reader.TagsAsync(repositoryName), t => t.StartsWith("staging-", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Publish_locally_loads_the_host_platform_and_says_how_to_run_it()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var name = DockerSandbox.UniqueRepository("local");

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox), ["Publish", "--image-name", name, .. StandIn]);

        var reference = $"ghcr.io/{name}:main";
        try
        {
            Assert.True(exitCode == 0, output);
            Assert.Contains("Local build without --push", output);
            Assert.Matches(@"Login\s+Skipped\s+// OnlyWhen: Push", output);
            Assert.Contains($"Image loaded into the local engine: {reference}", output);
            // The summary comes last and ends with the run line, on a host port that is free here (the test registry holds 5000).
            var tail = output.TrimEnd().Split('\n')[^8..];
            Assert.Contains(tail, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^docker run --rm -p \d+:5000 {System.Text.RegularExpressions.Regex.Escape(reference)} mlflow server$"));
            Assert.DoesNotContain("docker run --rm -p 5000:5000", output);
            Assert.Contains("--platform linux/amd64 ", output);
            var inspect = await sandbox.Docker.RunAsync(new Tooling.ToolCommand("docker", ["image", "inspect", reference, "--format", "{{.Architecture}}"]));
            Assert.Equal("amd64", inspect.StandardOutput.Trim());
            // Without GitHub data Tag's description label is empty: the Dockerfile's must survive it.
            var description = await sandbox.Docker.RunAsync(new Tooling.ToolCommand("docker", ["image", "inspect", reference, "--format", "{{index .Config.Labels \"org.opencontainers.image.description\"}}"]));
            Assert.StartsWith("MLflow tracking server", description.StandardOutput.Trim());
        }
        finally
        {
            foreach (var tag in ComputedTags(output)) await sandbox.Docker.RunAsync(new Tooling.ToolCommand("docker", ["image", "rm", tag]));
        }
    }

    [SkippableFact]
    public async Task Dry_run_prints_every_docker_command_in_order_masks_the_secret_and_pushes_nothing()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var sentinel = "dry-sentinel-" + Guid.NewGuid().ToString("N");
        var repositoryName = DockerSandbox.UniqueRepository("dryrun");

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, sentinel),
            ["Publish", "--dry-run", "--push", "--registry", TestRegistry.Address, "--image-name", repositoryName, "--registry-username", "ci", "--platforms", "linux/amd64,linux/arm64", .. StandIn]);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(sentinel, output);
        var commands = Regex.Matches(output, @"\[dry-run\] docker (\S+ ?\S*)").Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal(["login 127.0.0.1:5000", "buildx inspect", "buildx build", $"push 127.0.0.1:5000/{repositoryName}:staging", "logout 127.0.0.1:5000"],
            commands.Select(c => Regex.Replace(c.Replace(TestRegistry.Address, "127.0.0.1:5000"), ":staging-.*", ":staging")));
        Assert.Empty(await new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password).TagsAsync(repositoryName));
    }

    [SkippableFact]
    public async Task A_wrong_password_stops_the_build_with_one_line_before_anything_is_built()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, "wrong-password"),
            ["Publish", "--push", "--registry", TestRegistry.Address, "--image-name", DockerSandbox.UniqueRepository("wrong"), "--registry-username", "ci", .. StandIn]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"docker login to {TestRegistry.Address} as ci was refused by the registry (", output);
        Assert.Single(Regex.Matches(output, "> docker login"));
        Assert.DoesNotContain("> docker buildx build", output);
        Assert.DoesNotContain("wrong-password", output);
        Assert.DoesNotContain("   at ", output);
    }

    [SkippableFact]
    public async Task A_missing_docker_daemon_stops_the_build_with_one_line()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var environment = Environment(sandbox);
        environment["DOCKER_HOST"] = "unix:///tmp/no-docker-here.sock";

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, ["Publish", .. StandIn]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("The Docker daemon is not reachable (Cannot connect to the Docker daemon at unix:///tmp/no-docker-here.sock", output);
        Assert.DoesNotContain("   at ", output);
    }

    [SkippableFact]
    public async Task No_docker_on_PATH_or_no_buildx_each_stop_the_build_with_one_line_and_the_remedy()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var environment = Environment(sandbox);

        environment["PATH"] = "/usr/bin:/bin";
        var (noDocker, noDockerOutput) = await BuildProcess.RunAsync(repository.Path, environment, ["DockerBuildx", .. StandIn]);
        Assert.NotEqual(0, noDocker);
        Assert.Contains("Docker is not installed (no 'docker' on PATH): install Docker Engine with the buildx plugin", noDockerOutput);

        // A docker whose buildx plugin is missing: everything else goes to the real CLI.
        var fake = Path.Combine(sandbox.WorkDirectory, "bin");
        Directory.CreateDirectory(fake);
        var real = new[] { "/usr/local/bin/docker", "/usr/bin/docker" }.First(File.Exists);
        File.WriteAllText(Path.Combine(fake, "docker"), $"#!/bin/sh\nif [ \"$1\" = buildx ]; then echo \"docker: 'buildx' is not a docker command.\" >&2; exit 1; fi\nexec {real} \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(fake, "docker"), (UnixFileMode)0b111_101_101);
        environment["PATH"] = fake + ":/usr/bin:/bin";
        var (noBuildx, noBuildxOutput) = await BuildProcess.RunAsync(repository.Path, environment, ["DockerBuildx", .. StandIn]);
        Assert.NotEqual(0, noBuildx);
        Assert.Contains("docker buildx is not available (docker: 'buildx' is not a docker command.): install the buildx plugin", noBuildxOutput);
        Assert.DoesNotContain("   at ", noBuildxOutput);
    }

    [SkippableFact]
    public async Task A_stopped_registry_ends_the_build_with_one_line_after_bounded_retries()
    {
        Need.Registry();
        using var own = new OwnRegistry("pusher", "pass");
        own.Stop();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, Environment(sandbox, own.Password),
            ["Publish", "--push", "--registry", own.Address, "--image-name", "x/mlflow", "--registry-username", "pusher", .. StandIn]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"docker login to {own.Address} as pusher failed 4 times with a transient registry error (", output);
        Assert.Contains("connection refused", output);
        Assert.Equal(3, Regex.Matches(output, @"^\d\d:\d\d:\d\d \[WRN\] .*retrying in", RegexOptions.Multiline).Count);
        Assert.DoesNotContain("> docker buildx build", output);
        Assert.DoesNotContain("   at ", output);
    }
}
