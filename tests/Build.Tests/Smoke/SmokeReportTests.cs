using Build.Tests.Components;
using Build.Tests.Git;
using Build.Tests.Support;
using Mlflow.Smoke;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Smoke;

/// <summary>The smoke test's report as the log and the summary show it, the compose file, and where SmokeTest sits in Publish.</summary>
public class SmokeReportTests
{
    static readonly SmokeCheck[] Passing =
    [
        new("runs as a non-root user that can write its working directory", true, TimeSpan.FromSeconds(1.04), "uid 10001, gid 0, /app writable"),
        new("mlflow server answers /health", true, TimeSpan.FromSeconds(2.5), "mlflow server on 127.0.0.1:5001"),
    ];

    [Fact]
    public void A_passing_report_lists_every_check_with_its_time()
    {
        var report = new SmokeReport { Image = "r/mlflow@sha256:abc", Checks = Passing, Services = "local: PostgreSQL 15", ComposeFile = "compose.yaml" };

        var markdown = report.ToMarkdown();

        Assert.True(report.Passed);
        Assert.Contains("Passed: `r/mlflow@sha256:abc` served MLflow (local: PostgreSQL 15).", markdown);
        Assert.Contains("| runs as a non-root user that can write its working directory | passed | 1.0 s | uid 10001, gid 0, /app writable |", markdown);
        Assert.Contains("| mlflow server answers /health | passed | 2.5 s |", markdown);
        Assert.Contains("`compose.yaml`", markdown);
        Assert.Contains("  passed   2.5 s  mlflow server answers /health: mlflow server on 127.0.0.1:5001", report.ToTextLines());
    }

    [Fact]
    public void A_failed_report_names_the_failed_check_and_shows_the_server_log()
    {
        var report = new SmokeReport
        {
            Image = "r/mlflow@sha256:abc", Services = "containers",
            Checks = [.. Passing, new("run read back", false, TimeSpan.FromSeconds(0.3), "runs/get answered param none | metric none")],
            ServerLog = ["line one", "Traceback ```x```"],
        };

        var markdown = report.ToMarkdown();

        Assert.False(report.Passed);
        Assert.Equal("run read back", report.Failed?.Name);
        Assert.Contains("**Failed** at \"run read back\": no tag moved.", markdown);
        Assert.Contains("| run read back | **failed** | 0.3 s | runs/get answered param none \\| metric none |", markdown);
        Assert.Contains("```text\nline one\nTraceback '''x'''\n```", markdown.ReplaceLineEndings("\n"));
        Assert.Contains("    line one", report.ToTextLines());
    }

    [Fact]
    public void A_skipped_smoke_test_says_so()
    {
        var markdown = new SmokeReport { Image = "", SkipReason = "--skip SmokeTest: the image was not run before its tags moved." }.ToMarkdown();

        Assert.Equal("### Smoke test\n\n**Skipped**: --skip SmokeTest: the image was not run before its tags moved.\n\n", markdown.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_committed_compose_file_is_the_generated_one()
    {
        var committed = Path.Combine(Repo.Root, ComposeFile.FileName);
        var expected = ComposeFile.Render();
        if (!File.Exists(committed) || File.ReadAllText(committed) != expected)
        {
            File.WriteAllText(committed + ".received.txt", expected);
            Assert.Fail($"{ComposeFile.FileName} differs from build/Mlflow/Smoke/ComposeFile.cs: the generated text is in {ComposeFile.FileName}.received.txt (copy it over if the change is meant).");
        }
    }

    [Fact]
    public void The_compose_file_runs_the_smoke_tests_services_by_digest_and_the_image_with_its_flags()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(ComposeFile.Render()));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];

        Assert.Equal(["postgres", "minio", "create-bucket", "mlflow"], services.Children.Keys.Select(k => k.ToString()));
        Assert.Equal(SmokeServiceImages.Postgres, services["postgres"]["image"].ToString());
        Assert.Equal(SmokeServiceImages.Minio, services["minio"]["image"].ToString());
        Assert.Matches("@sha256:[0-9a-f]{64}$", SmokeServiceImages.Postgres);
        Assert.Matches("@sha256:[0-9a-f]{64}$", SmokeServiceImages.Minio);
        var command = ((YamlSequenceNode)services["mlflow"]["command"]).Children.Select(c => c.ToString()).ToList();
        Assert.Equal(["mlflow", "server", "--backend-store-uri"], command.Take(3));
        Assert.Equal(ComposeFile.ArtifactsDestination, command[command.IndexOf("--artifacts-destination") + 1]);
        Assert.Contains(ComposeFile.CreateBucketPython(ComposeFile.Bucket), ((YamlSequenceNode)services["create-bucket"]["command"]).Children.Select(c => c.ToString()));
    }

    [Fact]
    public async Task The_plan_of_Publish_runs_SmokeTest_after_the_build_and_before_Merge_moves_tags()
    {
        using var repository = TemporaryGitRepository.Create();
        File.Copy(Path.Combine(Repo.Root, "dockerfile.mlflow"), Path.Combine(repository.Path, "dockerfile.mlflow"));
        repository.Commit("the image");

        var (exitCode, output) = await BuildProcess.RunWithSmokeTestAsync(repository.Path, null, ["Publish", "--plan"]);

        Assert.True(exitCode == 0, output);
        var order = output.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\s+[0-9]+\. (\w+)")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.True(order.IndexOf("DockerBuildx") < order.IndexOf("SmokeTest") && order.IndexOf("SmokeTest") < order.IndexOf("Merge"), output);
        Assert.Contains("SmokeTest     dependency of Publish", output);
    }

    [Fact]
    public async Task A_mistyped_smoke_services_ends_the_run_in_one_line_before_anything_is_built()
    {
        using var repository = TemporaryGitRepository.Create();
        File.Copy(Path.Combine(Repo.Root, "dockerfile.mlflow"), Path.Combine(repository.Path, "dockerfile.mlflow"));
        repository.Commit("the image");

        var (exitCode, output) = await BuildProcess.RunWithSmokeTestAsync(repository.Path, null, ["Publish", "--smoke-services", "cloud"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--smoke-services is local or containers, not 'cloud'.", output);
        Assert.DoesNotContain("docker buildx build", output);
        Assert.DoesNotContain("   at ", output);
    }
}
