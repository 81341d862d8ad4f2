using System.Reflection;
using System.Text.RegularExpressions;
using Build.Tests.Components;
using Build.Tests.Support;
using Tooling;

namespace Build.Tests.Readme;

/// <summary>
/// Every command README.md shows is run: here in a fresh clone (the compiled build as ./build.sh runs it, with
/// --dry-run where it would push), by a named test, or by a script. A new command in the README fails the
/// first test until it is given one of those.
/// </summary>
public class ReadmeCommandsTests
{
    abstract record How;
    /// <summary>Run here in a fresh clone; <paramref name="Expect"/> is a line the output must hold, <paramref name="Fails"/> a non-zero exit.</summary>
    sealed record Run(string? Expect = null, bool Fails = false, bool DryRun = false, bool Docker = false) : How;
    /// <summary>A test runs it as a process (the name is checked to exist).</summary>
    sealed record Test(string Class, string Method) : How;
    /// <summary>A script in the repository runs it (the script is checked to hold it).</summary>
    sealed record Script(string Path, string Holds) : How;
    /// <summary>Shown with placeholders to fill in, or naming another program's use of ours; the concrete form is run elsewhere.</summary>
    sealed record Shape(string RunAs) : How;

    static readonly Dictionary<string, How> Commands = new()
    {
        ["bash .ci/stack"] = new Script(".ci/run", "bash .ci/stack"),
        ["REGISTRY_PASSWORD=... ./build.sh Publish --push --registry <r> --registry-username <you> --image-name <owner>/<repo>/mlflow"] = new Shape("the 127.0.0.1:5000 form, run here with --dry-run"),
        ["./build.sh <args>"] = new Shape("BuildScriptTests"),
        ["dotnet test"] = new Script(".ci/run", "dotnet test tests/Build.Tests"),
        ["dotnet tool restore"] = new Script(".ci/stack.d/tools.sh", "dotnet tool restore"),
        ["bash benchmarks/tag.sh"] = new Script("benchmarks/tag.sh", "TagBenchmark"),
        ["./build.sh Publish --push"] = new Test("SmokeTestProcessTests", "A_base_whose_mlflow_exits_1_fails_in_SmokeTest_and_no_tag_moves"),
        ["./build.sh --plan Publish"] = new Run("SmokeTest"),
        ["bash .ci/stand-in-server/build.sh"] = new Script(".ci/stack.d/stand-in.sh", ".ci/stand-in-server/build.sh"),
        ["./build.sh Publish --skip SmokeTest"] = new Test("SmokeTestProcessTests", "Skip_SmokeTest_publishes_and_the_summary_says_it_was_skipped"),
        ["./build.sh Tag --verbosity minimal --no-logo"] = new Run(),
        ["dotnet run"] = new Shape("what NUKE's bootstrap script runs, named in docs/engine.md's table of differences"),
        ["nuke --generate-configuration"] = new Shape("NUKE's own header line, named in docs/engine.md's table of differences"),
        ["./build.sh --generate-configuration <Id>"] = new Shape("the concrete names (GitHubActions_mlflow-image-publish, ...) are run here"),
        ["./build.sh Verify --image <registry>/<name>:<tag> --cosign-public-key cosign.pub"] = new Test("SigningProcessTests", "Publish_with_a_key_signs_the_index_and_each_platform_before_the_tags_move_and_Verify_passes_and_fails_with_another_key"),
        ["./build.sh Verify --image <registry>/<name>@sha256:<digest>"] = new Shape("keyless verification: KeylessIdentityTests (no Sigstore here)"),
        ["./build.sh --generate-configuration GitHubActions_<name>"] = new Shape("the concrete names (GitHubActions_mlflow-image-publish, ...) are run here"),
        ["./build.sh MlflowRelease [--update]"] = new Shape("./build.sh MlflowRelease and ./build.sh MlflowRelease --update: MlflowReleaseProcessTests"),
        ["./build.sh Prune --image-name <owner>/<repo>/mlflow --registry-only"] = new Test("PruneScenarioTests", "Apply_deletes_what_the_rules_doom_and_every_kept_tag_still_pulls_and_verifies"),
        [Build.Tests.SelfContained.QuickStartTests.Publish] = new Test(nameof(Build.Tests.SelfContained.QuickStartTests), "The_publish_command_works_as_written_in_a_clone_with_nothing_beside_it_and_leaves_daemon_json_as_it_was"),
        ["bash .ci/stack stop"] = new Script(".ci/stack", "stop_own"),
        ["bash .ci/stack --configure-engine"] = new Test(nameof(Build.Tests.SelfContained.TestsWorkflowSimulationTests), "Each_step_of_the_job_succeeds_in_a_fresh_clone_and_the_test_command_ends_with_no_skips"),
        ["bash .ci/lint/lint-workflows --require-pinned"] = new Test("WorkflowLintTests", "The_committed_workflow_passes_every_validator_with_pins_required_and_no_warnings"),
        ["./build.sh --generate-configuration GitHubActions_tests"] = new Run("tests.yml"),
        ["export MLFLOW_IMAGE=127.0.0.1:5000/stand-in/mlflow"] = new Shape("every Docker command here runs with --mlflow-image on the stand-in"),
        ["./build.sh Publish"] = new Test(nameof(DockerTargetsProcessTests), "Publish_locally_loads_the_host_platform_and_says_how_to_run_it"),
        ["./build.sh"] = new Test(nameof(DockerTargetsProcessTests), "Publish_locally_loads_the_host_platform_and_says_how_to_run_it"),
        ["dotnet test tests/Build.Tests"] = new Script(".ci/run", "dotnet test tests/Build.Tests"),
        ["bash .ci/run"] = new Script(".ci/run", "bash .ci/stack"),
        ["./build.sh --help"] = new Run("Targets (with their direct dependencies):"),
        ["./build.sh Tag Login --skip checkout"] = new Run("Build succeeded"),
        ["./build.sh --plan"] = new Run("execution-plan.html"),
        ["./build.sh Tag --profile ci --verbosity minimal --no-logo --continue"] = new Run(),
        ["REGISTRY_PASSWORD=... ./build.sh Publish --push --registry 127.0.0.1:5000 --registry-username ci --image-name me/mlflow"] = new Run("[dry-run] docker login 127.0.0.1:5000", DryRun: true, Docker: true),
        ["./build.sh Publish --push --dry-run"] = new Run("the commands below use the placeholder local/", Docker: true),
        ["./build.sh DockerBuildx --push --platforms linux/arm64 --digests-directory digests"] = new Run("--platform linux/arm64", DryRun: true, Docker: true),
        ["./build.sh Merge --push --digests-directory digests"] = new Test(nameof(DockerTargetsProcessTests), "Per_platform_jobs_hand_their_digests_to_Merge_and_no_tag_exists_before_it"),
        ["./build.sh DockerBuildx Merge"] = new Script("benchmarks/docker-publish.sh", "DockerBuildx Merge"),
        ["./build.sh --generate-configuration GitHubActions_mlflow-image-publish"] = new Run("mlflow-image-publish.yml"),
        ["REGISTRY_PASSWORD=... ./build.sh Publish --push --registry ghcr.io --registry-username <you> --image-name <owner>/<repo>/mlflow"] = new Shape("the 127.0.0.1:5000 form above"),
        ["nuke :secrets"] = new Shape("NUKE's global tool writes the v1: values SecretTests decrypt"),
        ["nuke <args>"] = new Shape("NUKE's global tool runs bash build.sh <args>: BuildScriptTests"),
        ["bash build.sh <args>"] = new Shape("BuildScriptTests"),
        ["nuke :complete"] = new Shape("NUKE's global tool reads .nuke/build.schema.json: CommittedSchemaTests"),
        ["bash benchmarks/startup.sh"] = new Script("benchmarks/startup.sh", "RUNS"),
        ["dotnet run --project build/_build.csproj -- --help"] = new Script("benchmarks/startup.sh", "dotnet run --project"),
        ["dotnet test tests/Build.Tests --filter FullyQualifiedName~Build.Tests.Engine"] = new Script(".ci/run", "dotnet test tests/Build.Tests"),
        ["dotnet test tests/Build.Tests --filter \"FullyQualifiedName~Build.Tests.Mlflow|FullyQualifiedName~Build.Tests.Dockerfile\""] = new Script(".ci/run", "dotnet test tests/Build.Tests"),
        ["dotnet test tests/Build.Tests --filter \"FullyQualifiedName~Build.Tests.Git.|FullyQualifiedName~Build.Tests.Versioning|FullyQualifiedName~Build.Tests.Components.Checkout\""] = new Script(".ci/run", "dotnet test tests/Build.Tests"),
        ["dotnet test tests/Build.Tests --filter \"FullyQualifiedName~Mlflow\""] = new Script(".ci/run", "dotnet test tests/Build.Tests"),
        ["./build.sh Publish --mlflow-versions v3.1.1,v3.0.1"] = new Test("MlflowPublishProcessTests", "Two_versions_in_one_run_get_their_own_tags_only_the_newest_the_moving_ones_and_a_failing_version_moves_nothing"),
        ["bash benchmarks/reproducible.sh"] = new Script("benchmarks/reproducible.sh", "--no-cache"),
        ["dotnet pwsh"] = new Shape("BuildScriptTests run build.ps1 through it"),
        ["./build.sh Tag"] = new Run("Build succeeded"),
        ["./build.sh Tag --skip"] = new Run("Build succeeded"),
        ["bash benchmarks/docker-publish.sh"] = new Script("benchmarks/docker-publish.sh", "buildx"),
        ["bash benchmarks/docker-solves.sh"] = new Script("benchmarks/docker-solves.sh", "buildx"),
        ["./build.sh DockerBuildx --boto3version '1.0;x'"] = new Run("Boto3Version '1.0;x' is not a PEP 440 public version", Fails: true),
        ["bash benchmarks/image-size.sh"] = new Script("benchmarks/image-size.sh", "buildx"),
        ["git ls-remote https://github.com/OWNER/REPO 'refs/tags/vX.Y.Z^{}'"] = new Shape("a maintainer's step when refreshing a pin (needs github.com)"),
        ["git rev-parse vX.Y.Z^{commit}"] = new Shape("a maintainer's step when refreshing a pin (needs a clone of the action)"),
        ["dotnet gitversion.dll <root> /output json /nofetch /nocache"] = new Shape("what GitVersionTool runs: GitVersionToolTests"),
        ["./build.sh Tag --tags 'type=raw,value={{gitversion.semver}}'"] = new Run("Build succeeded"),
        ["nuke :update"] = new Shape("NUKE's global tool (not served here)"),
        ["dotnet build"] = new Shape("what build.sh runs when the build is stale: BuildScriptTests"),
        ["bash benchmarks/job-start.sh"] = new Script("benchmarks/job-start.sh", "build"),
        ["bash benchmarks/job-start.sh 1 5"] = new Script("benchmarks/job-start.sh", "COLD_RUNS=${1:-3}"),
        ["COSIGN_PASSWORD=<password> ./build.sh Publish --push --registry <r> --image-name <n> --platforms linux/amd64,linux/arm64 --cosign-key cosign.key"] = new Test(nameof(SigningProcessTests), "Publish_with_a_key_signs_the_index_and_each_platform_before_the_tags_move_and_Verify_passes_and_fails_with_another_key"),
        ["cosign verify --key cosign.pub --insecure-ignore-tlog <r>/<n>@<digest>"] = new Test(nameof(SigningProcessTests), "Publish_with_a_key_signs_the_index_and_each_platform_before_the_tags_move_and_Verify_passes_and_fails_with_another_key"),
        ["./build.sh Verify --image <r>/<n>:<tag> --cosign-public-key cosign.pub"] = new Test(nameof(SigningProcessTests), "Publish_with_a_key_signs_the_index_and_each_platform_before_the_tags_move_and_Verify_passes_and_fails_with_another_key"),
        ["./build.sh Verify"] = new Test(nameof(SigningProcessTests), "Publish_with_a_key_signs_the_index_and_each_platform_before_the_tags_move_and_Verify_passes_and_fails_with_another_key"),
        ["bash benchmarks/signing.sh"] = new Script("benchmarks/signing.sh", "cosign"),
        ["dotnet test tests/Build.Tests --filter \"FullyQualifiedName~Signing\""] = new Script(".ci/run", "dotnet test tests/Build.Tests"),
        ["./build.sh CheckInputs --push --registry <r> --image-name <n>"] = new Test("PublishWorkflowRunTests", "A_scheduled_run_with_nothing_changed_is_one_job_and_a_moved_tag_goes_back_without_a_build"),
        ["./build.sh Prune --image-name <owner>/<repo>/mlflow"] = new Test("PruneScenarioTests", "Apply_deletes_what_the_rules_doom_and_every_kept_tag_still_pulls_and_verifies"),
        ["./build.sh Prune --image-name <owner>/<repo>/mlflow --apply"] = new Test("PruneScenarioTests", "Apply_deletes_what_the_rules_doom_and_every_kept_tag_still_pulls_and_verifies"),
        ["./build.sh --generate-configuration GitHubActions_mlflow-image-cleanup"] = new Run("mlflow-image-cleanup.yml"),
        ["bash benchmarks/gitversion.sh"] = new Script("benchmarks/gitversion.sh", "gitversion"),
        ["./build.sh MlflowRelease"] = new Test(nameof(Build.Tests.Mlflow.MlflowReleaseProcessTests), "Finds_v3_1_1_then_a_new_v3_2_0_is_proposed_in_one_pull_request"),
        ["./build.sh MlflowRelease --update"] = new Test(nameof(Build.Tests.Mlflow.MlflowReleaseProcessTests), "Finds_v3_1_1_then_a_new_v3_2_0_is_proposed_in_one_pull_request"),
        ["./build.sh --generate-configuration GitHubActions_mlflow-release"] = new Run("mlflow-release.yml"),
    };

    /// <summary>Lines of ```bash blocks (comments cut) and inline `commands` in the prose.</summary>
    static List<string> Extract(string readme)
    {
        var commands = new List<string>();
        foreach (Match block in Regex.Matches(readme, "```bash\n(.*?)```", RegexOptions.Singleline))
            foreach (var line in block.Groups[1].Value.Split('\n'))
                if (Regex.Replace(line, @"\s+#\s.*$", "").Trim() is { Length: > 0 } command) commands.Add(command);
        foreach (Match span in Regex.Matches(readme, "`([^`\n]+)`"))
            if (Regex.IsMatch(span.Groups[1].Value, @"^(\./build\.sh|bash |dotnet |REGISTRY_PASSWORD=|nuke |git ls-remote|git rev-parse)"))
                commands.Add(span.Groups[1].Value);
        return commands.Distinct().ToList();
    }

    /// <summary>README.md and every page under docs/: the commands a reader may copy.</summary>
    static IEnumerable<string> Documents() =>
        Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md").Order().Prepend(Path.Combine(Repo.Root, "README.md"));

    static readonly List<string> InReadme = Documents().SelectMany(path => Extract(File.ReadAllText(path))).Distinct().ToList();

    [Fact]
    public void Every_README_command_is_run_here_by_a_test_or_by_a_script()
    {
        var uncovered = InReadme.Where(c => !Commands.ContainsKey(c)).ToList();
        Assert.True(uncovered.Count == 0, "README and docs commands no test or script runs:\n" + string.Join("\n", uncovered));
        foreach (var (command, how) in Commands.Where(c => InReadme.Contains(c.Key)))
            switch (how)
            {
                case Test test:
                    var type = typeof(ReadmeCommandsTests).Assembly.GetTypes().Single(t => t.Name == test.Class);
                    Assert.True(type.GetMethod(test.Method) is not null, $"{command}: {test.Class}.{test.Method} is gone");
                    break;
                case Script script:
                    var path = Path.Combine(Repo.Root, script.Path);
                    var text = Directory.Exists(path) ? string.Concat(Directory.GetFiles(path).Select(File.ReadAllText)) : File.ReadAllText(path);
                    Assert.True(text.Contains(script.Holds), $"{command}: {script.Path} does not hold '{script.Holds}'");
                    break;
            }
    }

    public static TheoryData<string> RunHere() => new(Commands.Where(c => c.Value is Run && InReadme.Contains(c.Key)).Select(c => c.Key));

    [SkippableTheory]
    [MemberData(nameof(RunHere))]
    public async Task A_README_command_works_as_written_in_a_fresh_clone(string command)
    {
        var how = (Run)Commands[command];
        if (how.Docker) Need.Docker();
        using var clone = new FreshClone();
        var (environment, arguments) = Split(command);
        if (how.DryRun) arguments.Add("--dry-run");
        if (how.Docker) arguments.AddRange(PublishFixture.StandIn);

        var (exitCode, output) = await BuildProcess.RunAsync(clone.Path, environment, [.. arguments]);

        Assert.True(how.Fails ? exitCode != 0 : exitCode == 0, $"{command}\n{output}");
        if (how.Expect is { } expected) Assert.True(output.Contains(expected), $"{command}: no '{expected}' in\n{output}");
        Assert.DoesNotContain("   at ", output);
    }

    /// <summary>NAME=value prefixes become the environment; the rest are the build's arguments (single quotes as a shell reads them).</summary>
    static (Dictionary<string, string> Environment, List<string> Arguments) Split(string command)
    {
        var words = Regex.Matches(command, @"'([^']*)'|(\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        var environment = new Dictionary<string, string>();
        while (words[0].Contains('=') && !words[0].StartsWith('-'))
        {
            var (name, value) = (words[0][..words[0].IndexOf('=')], words[0][(words[0].IndexOf('=') + 1)..]);
            environment[name] = value == "..." ? "readme-placeholder-password" : value;
            words.RemoveAt(0);
        }
        Assert.Equal("./build.sh", words[0]);
        return (environment, words.Skip(1).ToList());
    }

    /// <summary>A clone of this repository's committed state, as a new user gets it (its origin names no GitHub repository).</summary>
    sealed class FreshClone : IDisposable
    {
        public FreshClone()
        {
            Path = Directory.CreateTempSubdirectory("readme-clone-").FullName;
            var result = ToolRunner.RunAsync(new ToolCommand("git", ["clone", "-q", Repo.Root, Path]), echoOutput: false).GetAwaiter().GetResult();
            Assert.True(result.ExitCode == 0, result.StandardError);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
