using Build.Tests.Components;
using Build.Tests.Registry;
using Build.Tests.Support;
using Tooling;

using static Build.Tests.Components.PublishFixture;

namespace Build.Tests.Smoke;

/// <summary>
/// SmokeTest in a whole Publish (the compiled build as a process): on the server-capable stand-in base it passes
/// with every check listed; on a base whose `mlflow` is broken it fails before Merge, and no tag moves.
/// Real parts: dockerd, the registry, PostgreSQL (initdb/pg_ctl) and s3rver on this machine.
/// </summary>
public class SmokeTestProcessTests
{
    static readonly string[] Checks =
    [
        "runs as a non-root user that can write its working directory", "mlflow --version matches the tag", "import boto3, psycopg2",
        "PostgreSQL and S3 store started", "S3 bucket created with the image's boto3", "mlflow server answers /health",
        "experiment, run, parameter, metric and artifact logged", "run read back", "run in PostgreSQL, artifact in S3", "stopped and removed",
    ];

    [SkippableFact]
    public async Task A_local_publish_on_the_server_stand_in_prints_every_check_as_passed_and_leaves_nothing_running()
    {
        var storage = SmokeStack.Require();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;

        var (exitCode, output) = await BuildProcess.RunWithSmokeTestAsync(repository.Path, new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory },
            ["Publish", "--mlflow-image", SmokeStack.ServerImage, "--mlflow-version", TestRegistry.StandInVersion, "--smoke-services", "local", "--smoke-storage-server", storage]);

        Assert.True(exitCode == 0, output);
        foreach (var check in Checks)
            Assert.Matches($@"passed +[0-9]+\.[0-9] s  {System.Text.RegularExpressions.Regex.Escape(check)}: ", output);
        Assert.Contains("mlflow 3.1.1", output);
        Assert.Contains("boto3 1.", output);
        Assert.Matches(@"SmokeTest\s+Succeeded", output);
        // The summary (printed locally): the checks with their times, and the compose file.
        Assert.Contains("### Smoke test", output);
        Assert.Matches(@"\| run read back \| passed \| [0-9]+\.[0-9] s \|", output);
        Assert.Contains("`compose.yaml`", output);
        Assert.NotEmpty(SmokeStack.ContainersNamedIn(output)); // the leftover check below looks for what the output names
        Assert.Contains("/smoke-services-", output);
        Assert.Empty(await SmokeStack.LeftoversAsync(sandbox, output));
    }

    [SkippableFact]
    public async Task A_base_whose_mlflow_exits_1_fails_in_SmokeTest_and_no_tag_moves()
    {
        var storage = SmokeStack.Require();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var id = Guid.NewGuid().ToString("N")[..10];
        var broken = $"{TestRegistry.Address}/test-smoke-broken-{id}/mlflow";
        await SmokeStack.PushBaseAsync(sandbox, $"{broken}:{TestRegistry.StandInVersion}", "RUN rm /usr/local/bin/mlflow && printf '#!/bin/sh\\necho \"mlflow is broken\" >&2\\nexit 1\\n' > /usr/local/bin/mlflow && chmod 755 /usr/local/bin/mlflow");
        // The image repository already has a `main` tag: it must still name the same image afterwards.
        var name = $"test-smoke-{id}/mlflow";
        var before = await sandbox.Docker.RunAsync(new ToolCommand("docker", ["buildx", "imagetools", "create", "--tag", $"{TestRegistry.Address}/{name}:main", $"{SmokeStack.ServerImage}:{TestRegistry.StandInVersion}"]));
        Assert.True(before.Succeeded, before.StandardError);
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        var (mainBefore, _) = await reader.ManifestAsync(name, "main");

        var (exitCode, output) = await BuildProcess.RunWithSmokeTestAsync(repository.Path,
            new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory, ["REGISTRY_PASSWORD"] = TestRegistry.Password },
            ["Publish", "--push", "--registry", TestRegistry.Address, "--registry-username", TestRegistry.User, "--image-name", name, "--platforms", "linux/amd64",
             "--mlflow-image", broken, "--mlflow-version", TestRegistry.StandInVersion, "--smoke-services", "local", "--smoke-storage-server", storage]);

        Assert.True(exitCode != 0, output);
        Assert.Matches(@"FAILED +[0-9]+\.[0-9] s  linux/amd64: mlflow --version matches the tag: exit code 1: mlflow is broken", output);
        Assert.Contains("Smoke test failed at \"linux/amd64: mlflow --version matches the tag\"", output);
        Assert.Contains("No tag moved.", output);
        Assert.Matches(@"SmokeTest\s+Failed", output);
        Assert.Matches(@"Merge\s+NotRun", output);
        // No final tag moved and no staging tag is left: the repository holds what it held, plus the build cache.
        Assert.Equal(["main"], (await reader.TagsAsync(name)).Where(t => !t.StartsWith("buildcache", StringComparison.Ordinal)));
        Assert.Equal(mainBefore, (await reader.ManifestAsync(name, "main")).Digest);
        Assert.DoesNotContain("PostgreSQL and S3 store started", output);
        Assert.Empty(await SmokeStack.LeftoversAsync(sandbox, output));
    }

    [SkippableFact]
    public async Task A_server_that_dies_at_start_fails_the_health_check_and_the_summary_shows_its_last_log_lines()
    {
        var storage = SmokeStack.Require();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var broken = $"{TestRegistry.Address}/test-smoke-dies-{Guid.NewGuid().ToString("N")[..10]}/mlflow";
        await SmokeStack.PushBaseAsync(sandbox, $"{broken}:{TestRegistry.StandInVersion}", "RUN rm /usr/local/lib/stand-in-mlflow/tracking_store.py");
        var summary = Path.Combine(sandbox.WorkDirectory, "summary.md");

        var (exitCode, output) = await BuildProcess.RunWithSmokeTestAsync(repository.Path,
            new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory, ["GITHUB_STEP_SUMMARY"] = summary },
            ["Publish", "--mlflow-image", broken, "--mlflow-version", TestRegistry.StandInVersion, "--smoke-services", "local", "--smoke-storage-server", storage]);

        Assert.True(exitCode != 0, output);
        Assert.Matches(@"FAILED +[0-9]+\.[0-9] s  mlflow server answers /health: the server exited \(code 1\) before /health answered", output);
        Assert.Contains("lines of the server container's log:", output);
        Assert.Contains("ModuleNotFoundError: No module named 'tracking_store'", output);
        var markdown = File.ReadAllText(summary);
        Assert.Contains("**Failed** at \"mlflow server answers /health\": no tag moved.", markdown);
        Assert.Contains("| import boto3, psycopg2 | passed |", markdown);
        Assert.Matches("(?s)```text\n.*ModuleNotFoundError: No module named 'tracking_store'.*```", markdown.ReplaceLineEndings("\n"));
        Assert.NotEmpty(SmokeStack.ContainersNamedIn(output)); // the leftover check below looks for what the output names
        Assert.Empty(await SmokeStack.LeftoversAsync(sandbox, output));
    }

    [SkippableFact]
    public async Task From_MLflow_3_5_the_server_gets_allowed_hosts_and_an_image_whose_mlflow_is_not_its_tags_fails()
    {
        var storage = SmokeStack.Require();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var id = Guid.NewGuid().ToString("N")[..10];
        var base35 = $"{TestRegistry.Address}/test-smoke-35-{id}/mlflow";
        // The stand-in answers 403 "Invalid Host header" to a Host it is not given, as MLflow 3.5+ does.
        await SmokeStack.PushBaseAsync(sandbox, $"{base35}:v3.5.0", "RUN sed -i 's/^VERSION = .*/VERSION = \"3.5.0\"/' /usr/local/lib/stand-in-mlflow/mlflow");
        var wrong = $"{TestRegistry.Address}/test-smoke-wrong-{id}/mlflow";
        await SmokeStack.PushBaseAsync(sandbox, $"{wrong}:v3.6.0", "LABEL mislabelled=true");
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory };
        string[] local = ["--smoke-services", "local", "--smoke-storage-server", storage];

        var (passed, output) = await BuildProcess.RunWithSmokeTestAsync(repository.Path, environment, ["Publish", "--mlflow-image", base35, "--mlflow-version", "v3.5.0", .. local]);
        var (failed, failure) = await BuildProcess.RunWithSmokeTestAsync(repository.Path, environment, ["Publish", "--mlflow-image", wrong, "--mlflow-version", "v3.6.0", .. local]);

        Assert.True(passed == 0, output);
        Assert.Contains("--allowed-hosts 127.0.0.1:", output);
        Assert.Matches(@"passed +[0-9]+\.[0-9] s  mlflow server answers /health: mlflow server on 127\.0\.0\.1:[0-9]+ with --allowed-hosts", output);
        Assert.True(failed != 0, failure);
        Assert.Matches(@"FAILED +[0-9]+\.[0-9] s  mlflow --version matches the tag: the image has MLflow 3\.1\.1, its tag says 3\.6\.0", failure);
        Assert.Empty(await SmokeStack.LeftoversAsync(sandbox, output));
    }

    [SkippableFact]
    public async Task Job_by_job_as_the_workflow_runs_them_the_platform_job_smoke_tests_before_the_merge_job_moves_tags()
    {
        var storage = SmokeStack.Require();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        var name = $"test-smoke-jobs-{Guid.NewGuid().ToString("N")[..10]}/mlflow";
        var digests = Path.Combine(sandbox.WorkDirectory, "digests");
        string[] common = ["--push", "--registry", TestRegistry.Address, "--image-name", name, "--registry-username", TestRegistry.User, "--digests-directory", digests,
            "--platforms", "linux/amd64", "--mlflow-image", SmokeStack.ServerImage, "--mlflow-version", TestRegistry.StandInVersion];
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory, ["REGISTRY_PASSWORD"] = TestRegistry.Password };
        // The platform job's targets as the generated workflow names them (DockerBuildx, SmokeTest).
        var layout = (global::Workflows.Layouts.NativePlatformsLayout)Build.Tests.Workflows.BuildUnderTest.Type
            .GetField("NativeLayout", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!.GetValue(null)!;
        Assert.Equal(["DockerBuildx", "SmokeTest"], layout.PlatformTargets);

        var (built, buildOutput) = await BuildProcess.RunWithSmokeTestAsync(repository.Path, environment,
            [.. layout.PlatformTargets, .. common, "--smoke-services", "local", "--smoke-storage-server", storage]);

        Assert.True(built == 0, buildOutput);
        Assert.Matches(@"DockerBuildx\s+Succeeded", buildOutput);
        Assert.Matches(@"SmokeTest\s+Succeeded", buildOutput);
        Assert.Matches(@"passed +[0-9]+\.[0-9] s  linux/amd64: run read back: ", buildOutput);
        var reader = new RegistryReader(TestRegistry.Address, TestRegistry.User, TestRegistry.Password);
        Assert.DoesNotContain("main", await reader.TagsAsync(name));

        var (merged, output) = await BuildProcess.RunWithSmokeTestAsync(repository.Path, environment, [.. layout.MergeTargets, .. common]);

        Assert.True(merged == 0, output);
        Assert.Contains("main", await reader.TagsAsync(name));
        Assert.Contains("Run by each platform's job on its own runner before it handed its digest over", output);
        Assert.Empty(await SmokeStack.LeftoversAsync(sandbox, output));
    }

    [SkippableFact]
    public async Task Skip_SmokeTest_publishes_and_the_summary_says_it_was_skipped()
    {
        Need.Registry();
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;

        var (exitCode, output) = await BuildProcess.RunWithSmokeTestAsync(repository.Path, new Dictionary<string, string> { ["DOCKER_CONFIG"] = sandbox.ConfigDirectory },
            ["Publish", "--skip", "SmokeTest", .. StandIn]);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"SmokeTest\s+Skipped", output);
        Assert.Contains("**Skipped**: --skip SmokeTest: the image was not run before its tags moved.", output);
    }
}
