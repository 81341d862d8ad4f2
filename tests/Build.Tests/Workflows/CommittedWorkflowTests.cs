using System.Text.RegularExpressions;
using Build.Tests.Support;
using global::Workflows;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.Workflows;

/// <summary>.github/workflows/mlflow-image-publish.yml: current, consistent with the build, least privilege, pinned.</summary>
public class CommittedWorkflowTests
{
    static string Committed => File.ReadAllText(BuildUnderTest.CommittedPath);
    static YamlMappingNode Root => WorkflowYaml.Read(Committed);
    static IEnumerable<(string Id, YamlMappingNode Job)> Jobs =>
        ((YamlMappingNode)Root.At("jobs")).Children.Select(job => (((YamlScalarNode)job.Key).Value!, (YamlMappingNode)job.Value));

    [Fact]
    public void The_committed_file_is_what_the_build_class_generates()
    {
        var generated = BuildUnderTest.Attribute.Generate(BuildUnderTest.Description()).Single();

        Assert.Equal(".github/workflows/mlflow-image-publish.yml", generated.RelativePath);
        Assert.True(File.Exists(BuildUnderTest.CommittedPath), $"{generated.RelativePath} is missing: run ./build.sh --generate-configuration {BuildUnderTest.Attribute.Id}");
        var stale = generated.Content.Split('\n').Zip(Committed.Split('\n'), (want, have) => (want, have)).Select((pair, line) => (pair, line))
            .FirstOrDefault(each => each.pair.want != each.pair.have);
        Assert.True(generated.Content == Committed,
            $"{generated.RelativePath} is stale (first difference at line {stale.line + 1}: expected '{stale.pair.want}', found '{stale.pair.have}'): " +
            $"run ./build.sh --generate-configuration {BuildUnderTest.Attribute.Id} and commit the result");
    }

    [Fact]
    public void Every_target_and_parameter_it_names_exists_in_the_build() =>
        Assert.Empty(WorkflowConsistency.Problems(BuildUnderTest.Workflow(), BuildUnderTest.Description()));

    [Fact]
    public void It_starts_with_the_do_not_edit_header_naming_the_regeneration_command()
    {
        Assert.StartsWith("# ---", Committed);
        Assert.Contains("do not edit", Committed.Split('\n')[1]);
        Assert.Contains("# Regenerate with: ./build.sh --generate-configuration GitHubActions_mlflow-image-publish\n", Committed);
    }

    [Fact]
    public void It_runs_on_pushes_and_pull_requests_to_main_or_master_touching_the_image_or_the_build_on_release_tags_and_by_hand()
    {
        string[] paths = ["dockerfile.mlflow", ".dockerignore", "GitVersion.yml", ".github/workflows/mlflow-image-publish.yml", "build/**", ".nuke/**", "build.sh", "build.cmd", "build.ps1", "global.json", "Directory.*"];
        foreach (var trigger in new[] { "push", "pull_request" })
        {
            Assert.Equal(["main", "master"], Strings(Root.At("on", trigger, "branches")));
            Assert.Equal(paths, Strings(Root.At("on", trigger, "paths")));
        }
        Assert.Equal(["v*"], Strings(Root.At("on", "push", "tags")));
        Assert.Equal(["push"], ((YamlMappingNode)Root.At("on", "workflow_dispatch", "inputs")).Children.Keys.Select(key => key.Text()));
        // Issue 16: a weekly rebuild on a fresh base (tags move only if an image changed), before the cleanup's 04:23.
        Assert.Equal("17 3 * * 1", ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)Root.At("on", "schedule")).Children[0]).Children[new YamlScalarNode("cron")]).Value);
        Assert.Equal(4, ((YamlMappingNode)Root.At("on")).Children.Count);
    }

    /// <summary>Files a publish never reads: a change to one of them alone need not run the workflow.</summary>
    static readonly string[] NotInputs = ["tests/", ".github/workflows/mlflow-image-cleanup.yml", ".github/workflows/mlflow-release.yml", ".github/workflows/tests.yml", "docs/", "benchmarks/", ".ci/", ".config/", "README.md", ".editorconfig", ".gitignore", "compose.yaml"];

    [Fact]
    public void The_path_filter_covers_every_tracked_file_a_publish_reads()
    {
        var filters = Strings(Root.At("on", "push", "paths")).Select(GlobRegex).ToList();
        var files = Build.Tests.Git.TemporaryGitRepository.RunGit(Repo.Root, ["ls-files"]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(file => !NotInputs.Any(file.StartsWith)).ToList();
        Assert.Contains("dockerfile.mlflow", files);
        Assert.DoesNotContain(files, file => !filters.Any(filter => filter.IsMatch(file)));
    }

    /// <summary>GitHub's filter patterns: <c>*</c> stays within a folder, <c>**</c> crosses folders.</summary>
    static Regex GlobRegex(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*\*", "\u0001").Replace(@"\*", "[^/]*").Replace("\u0001", ".*") + "$");

    [Fact]
    public void Concurrency_is_per_ref_and_cancels_only_pull_request_runs()
    {
        Assert.Equal("${{ github.workflow }} @ ${{ github.ref }}", Root.At("concurrency", "group").Text());
        Assert.Equal("${{ github.event_name == 'pull_request' }}", Root.At("concurrency", "cancel-in-progress").Text());
    }

    [Fact]
    public void The_workflow_reads_contents_and_only_the_jobs_that_push_may_write_packages()
    {
        Assert.Equal([("contents", "read")], Scopes(Root.At("permissions")));
        foreach (var (id, job) in Jobs)
            Assert.Equal(id switch
            {
                // The merge job signs keyless and attests; nothing else may ask for an OIDC token.
                "merge" => [("attestations", "write"), ("contents", "read"), ("id-token", "write"), ("packages", "write")],
                // The first job only reads the tags and the base.
                "inputs" => [("contents", "read"), ("packages", "read")],
                _ => [("contents", "read"), ("packages", "write")],
            }, Scopes(job.At("permissions")));
    }

    [Fact]
    public void Each_platform_builds_on_its_native_runner_and_the_merge_job_exposes_the_image()
    {
        var (_, build) = Jobs.Single(job => job.Id == "build");
        var include = ((YamlSequenceNode)build.At("strategy", "matrix", "include")).Children
            .Select(entry => (entry.At("platform").Text(), entry.At("runner").Text())).ToList();
        Assert.Equal([("linux/amd64", "ubuntu-24.04"), ("linux/arm64", "ubuntu-24.04-arm")], include);
        Assert.Equal("${{ matrix.runner }}", build.At("runs-on").Text());
        Assert.DoesNotContain("setup-qemu", Committed); // native runners: no emulation

        var (_, merge) = Jobs.Single(job => job.Id == "merge");
        Assert.Equal(["inputs", "build"], ((YamlSequenceNode)merge.At("needs")).Children.Select(n => n.Text()));
        Assert.Equal(["image", "digest", "tags", "version", "signed"], ((YamlMappingNode)merge.At("outputs")).Children.Keys.Select(key => key.Text()));
        Assert.All(((YamlMappingNode)merge.At("outputs")).Children.Values, value => Assert.StartsWith("${{ steps.merge.outputs.", value.Text()));
    }

    [Fact]
    public void A_first_job_decides_whether_the_platform_jobs_build_and_whether_the_merge_job_runs()
    {
        var (first, inputs) = Jobs.First();
        Assert.Equal("inputs", first);
        Assert.Equal("./build.cmd CheckInputs", ((YamlSequenceNode)inputs.At("steps")).Children.Single(step => ((YamlMappingNode)step).Children.ContainsKey("run")).At("run").Text());
        Assert.Equal(["build", "merge", "inputs", "digest", "reason"], ((YamlMappingNode)inputs.At("outputs")).Children.Keys.Select(key => key.Text()));
        var (_, build) = Jobs.Single(job => job.Id == "build");
        Assert.Equal("inputs", build.At("needs").Text());
        Assert.Equal("needs.inputs.outputs.build == 'true'", build.At("if").Text());
        var (_, merge) = Jobs.Single(job => job.Id == "merge");
        // Also after skipped platform jobs (a tag to restore), never after a failed one.
        Assert.StartsWith("!cancelled() && needs.inputs.outputs.merge == 'true' && (needs.build.result == 'success' || needs.build.result == 'skipped') && ", merge.At("if").Text());
    }

    [Fact]
    public void Every_job_checks_out_full_history_sets_up_buildx_and_runs_the_build_with_the_token()
    {
        foreach (var (id, job) in Jobs)
        {
            var steps = ((YamlSequenceNode)job.At("steps")).Children.Cast<YamlMappingNode>().ToList();
            Assert.StartsWith("actions/checkout@", steps[0].At("uses").Text());
            Assert.Equal("0", steps[0].At("with", "fetch-depth").Text());
            // The first job reads the registry over HTTP: no builder.
            if (id != "inputs") Assert.Contains(steps, step => step.Children.ContainsKey("uses") && step.At("uses").Text().StartsWith("docker/setup-buildx-action@"));
            var run = Assert.Single(steps, step => step.Children.ContainsKey("run"));
            Assert.Matches("^./build.cmd [A-Za-z ]+$", run.At("run").Text());
            Assert.Equal("${{ secrets.GITHUB_TOKEN }}", run.At("env", "GITHUB_TOKEN").Text());
        }
    }

    [Fact]
    public void The_script_each_run_step_calls_is_in_the_repository_and_executable()
    {
        foreach (var script in BuildUnderTest.Workflow().Jobs.SelectMany(job => job.Steps).OfType<BuildStep>().Select(step => step.Script).Distinct())
        {
            var path = Path.Combine(Repo.Root, script);
            Assert.True(File.Exists(path), $"{script} is missing");
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        }
    }

    [Fact]
    public void No_run_script_expands_an_expression()
    {
        var runs = Regex.Matches(Committed, "^\\s+run: (.*)$", RegexOptions.Multiline).Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, run => Assert.DoesNotContain("${{", run));
    }

    [Fact]
    public void Every_action_is_pinned_to_a_full_sha_from_the_pin_table_with_its_version_as_a_comment()
    {
        var uses = Regex.Matches(Committed, "uses: (\\S+)@(\\S+) # (\\S+)\n").ToList();
        Assert.Equal(Regex.Matches(Committed, "uses:").Count, uses.Count);
        foreach (var match in uses)
        {
            var pin = Assert.Single(ActionPins.All, pin => pin.Repository == match.Groups[1].Value);
            Assert.Matches("^[0-9a-f]{40}$", match.Groups[2].Value);
            Assert.Equal((pin.Sha, pin.Version), (match.Groups[2].Value, match.Groups[3].Value));
        }
    }

    static IEnumerable<string> Strings(YamlNode node) => ((YamlSequenceNode)node).Children.Select(item => item.Text());

    static IEnumerable<(string, string)> Scopes(YamlNode node) =>
        ((YamlMappingNode)node).Children.Select(entry => (entry.Key.Text(), entry.Value.Text()));
}
