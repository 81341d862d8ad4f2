using System.Text.Json.Nodes;
using Build.Tests.GitHub;
using Build.Tests.Support;
using Tooling;

namespace Build.Tests.Metadata;

/// <summary>
/// The real ./build.sh Tag as a workflow step runs it: GitHub variables, an event payload, the API at a
/// local fake server, and the step outputs read back from $GITHUB_OUTPUT; and once locally, from git.
/// </summary>
public class TagProcessTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("tag-process-").FullName;

    public void Dispose() => Directory.Delete(directory, true);

    const string Sha = "1ec004e5d2b1c3f4a5b6c7d8e9f0a1b2c3d4e5f6";

    [Fact]
    public async Task On_GitHub_Actions_the_outputs_are_the_actions_with_docker_valid_tags()
    {
        using var api = new FakeGitHubApi().Serve("/repos/Acme/Widget",
            """{"name": "Widget", "description": "A \"widget\"", "html_url": "https://github.com/Acme/Widget", "default_branch": "main", "license": {"spdx_id": "Apache-2.0"}}""");
        var payload = Path.Combine(directory, "event.json");
        File.WriteAllText(payload, """{"ref": "refs/tags/v1.2.3", "base_ref": "refs/heads/main", "repository": {"default_branch": "main"}}""");
        var environment = GitHubEnvironment(api.Url, payload, "push", "refs/tags/v1.2.3");

        var result = await BuildAsync(WorkingCopy.Root, environment,
            "--images", "ghcr.io/Acme/Widget/mlflow", "Docker.io/acme/widget,enable=false",
            "--tags", "type=semver,pattern={{version}}", "type=semver,pattern={{major}}.{{minor}}", "type=sha,prefix={{branch}}-", "type=raw,value=.{{base_ref}}",
            "--flavor", "latest=auto",
            "--labels", "org.opencontainers.image.vendor=Acme & Co",
            "--annotations", "org.opencontainers.image.title={{tag}}");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var outputs = ReadStepFile(environment["GITHUB_OUTPUT"]!);
        Assert.Equal(["version", "tags", "tag-names", "labels", "annotations", "json", "bake-file-tags", "bake-file-labels", "bake-file-annotations", "bake-file"], outputs.Keys);
        Assert.Equal("1.2.3", outputs["version"]);
        Assert.Equal("1.2.3\n1.2\nmain\n1ec004e\nlatest", outputs["tag-names"]);
        Assert.Equal(new[] { "1.2.3", "1.2", "main", "1ec004e", "latest" }.Select(t => "ghcr.io/acme/widget/mlflow:" + t), outputs["tags"].Split('\n'));
        Assert.Contains("org.opencontainers.image.vendor=Acme & Co", outputs["labels"].Split('\n'));
        Assert.Contains("org.opencontainers.image.licenses=Apache-2.0", outputs["labels"].Split('\n'));
        Assert.Contains("org.opencontainers.image.created=2020-01-10T00:30:00.000Z", outputs["labels"].Split('\n'));
        Assert.Contains("manifest:org.opencontainers.image.title=v1.2.3", outputs["annotations"].Split('\n'));
        var json = JsonNode.Parse(outputs["json"])!;
        Assert.Equal("A \"widget\"", (string?)json["labels"]!["org.opencontainers.image.description"]);
        var bake = JsonNode.Parse(File.ReadAllText(outputs["bake-file-tags"]))!;
        Assert.Equal("1.2.3", (string?)bake["target"]!["docker-metadata-action"]!["args"]!["DOCKER_META_VERSION"]);
        Assert.Equal(outputs["tags"], ReadStepFile(environment["GITHUB_ENV"]!)["DOCKER_METADATA_OUTPUT_TAGS"]);
        Assert.Contains("/repos/Acme/Widget", api.Requests);
        Assert.Contains("cannot start with '.' or '-'", result.StandardOutput);
    }

    [Fact]
    public async Task A_pull_request_gets_pr_N_and_pr_N_sha7_from_the_default_rules_and_never_a_bare_sha()
    {
        var payload = Path.Combine(directory, "pr.json");
        File.WriteAllText(payload, """{"number": 7, "pull_request": {"number": 7, "head": {"sha": "1ec004e5d2b1c3f4a5b6c7d8e9f0a1b2c3d4e5f6", "repo": {"full_name": "Acme/Widget"}}, "base": {"ref": "main", "repo": {"full_name": "Acme/Widget"}}}, "repository": {"default_branch": "main"}}""");
        var environment = GitHubEnvironment("http://127.0.0.1:9", payload, "pull_request", "refs/pull/7/merge");

        var result = await BuildAsync(WorkingCopy.Root, environment, "--images", "ghcr.io/acme/widget/mlflow");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Equal("pr-7\npr-7-1ec004e", ReadStepFile(environment["GITHUB_OUTPUT"]!)["tag-names"]);
        Assert.DoesNotContain("[WRN] ", result.StandardOutput.Split('\n').Where(l => l.Contains("branch")));
    }

    [Fact]
    public async Task Without_the_API_the_payload_gives_description_and_license()
    {
        var payload = Path.Combine(directory, "push.json");
        File.WriteAllText(payload, """{"ref": "refs/heads/main", "repository": {"default_branch": "main", "description": "Payload's description", "license": {"spdx_id": "MIT"}}}""");
        var environment = GitHubEnvironment("http://127.0.0.1:9", payload, "push", "refs/heads/main");

        var result = await BuildAsync(WorkingCopy.Root, environment, "--images", "ghcr.io/acme/widget/mlflow");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var labels = ReadStepFile(environment["GITHUB_OUTPUT"]!)["labels"].Split('\n');
        Assert.Contains("org.opencontainers.image.description=Payload's description", labels);
        Assert.Contains("org.opencontainers.image.licenses=MIT", labels);
    }

    [Fact]
    public async Task An_input_the_action_rejects_is_one_line_and_a_non_zero_exit()
    {
        var environment = GitHubEnvironment("http://127.0.0.1:9", null, "push", "refs/heads/main");
        var result = await BuildAsync(WorkingCopy.Root, environment, "--images", "a/b", "--tags", "type=ref,event=push");
        Assert.NotEqual(0, result.ExitCode);
        var errors = (result.StandardOutput + result.StandardError).Split('\n').Where(l => l.Contains("[ERR]")).ToList();
        Assert.Contains("Invalid event for type=ref,event=push", Assert.Single(errors));
        Assert.Equal("", File.ReadAllText(environment["GITHUB_OUTPUT"]!));
    }

    [Fact]
    public async Task Locally_the_context_comes_from_git_and_an_empty_tags_list_means_the_action_defaults()
    {
        using var git = Build.Tests.Git.TemporaryGitRepository.Create(withBuildRoot: true);
        git.AddImageDockerfile();
        var sha = Build.Tests.Git.GitContextTests.Prepare(git);
        var repository = git.Path;
        var output = Path.Combine(directory, "output.txt");
        var environment = new Dictionary<string, string?> { ["GITHUB_OUTPUT"] = output, ["GITHUB_API_URL"] = "http://127.0.0.1:9" };

        var result = await BuildAsync(repository, environment, "--tags", "type=sha,prefix={{branch}}-", "type=raw,value=latest,enable={{is_default_branch}}");
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var outputs = ReadStepFile(output);
        Assert.Equal($"ghcr.io/acme/widget/mlflow:Feature-Login-7-{sha[..7]}", outputs["tags"]);
        Assert.Contains($"org.opencontainers.image.revision={sha}", outputs["labels"]);
        Assert.Contains("org.opencontainers.image.url=https://github.com/Acme/Widget", outputs["labels"]);

        File.WriteAllText(output, "");
        result = await BuildAsync(repository, environment, "--tags", "--images");
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Equal("Feature-Login-7", ReadStepFile(output)["tags"]);
    }

    Dictionary<string, string?> GitHubEnvironment(string apiUrl, string? payload, string eventName, string reference)
    {
        var outputFile = Path.Combine(directory, "github_output");
        var environmentFile = Path.Combine(directory, "github_env");
        File.WriteAllText(outputFile, "");
        File.WriteAllText(environmentFile, "");
        return new()
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = eventName, ["GITHUB_REF"] = reference, ["GITHUB_SHA"] = Sha,
            ["GITHUB_REPOSITORY"] = "Acme/Widget", ["GITHUB_EVENT_PATH"] = payload, ["GITHUB_OUTPUT"] = outputFile, ["GITHUB_ENV"] = environmentFile,
            ["GITHUB_API_URL"] = apiUrl, ["SOURCE_DATE_EPOCH"] = "1578616200",
        };
    }

    /// <summary>Runs ./build.sh Tag --skip in <paramref name="workingDirectory"/> with only the given GitHub/metadata variables.</summary>
    internal static Task<ToolResult> BuildAsync(string workingDirectory, Dictionary<string, string?> environment, params string[] arguments)
    {
        var childEnvironment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("GITHUB_") || k.StartsWith("DOCKER_METADATA_") || k is "SOURCE_DATE_EPOCH" or "CI" or "RUNNER_TEMP")
            .ToDictionary(k => k, string? (_) => null);
        foreach (var (key, value) in environment) childEnvironment[key] = value;
        childEnvironment["NO_COLOR"] = "1";
        if (!environment.ContainsKey("GITHUB_ACTIONS")) childEnvironment["GITHUB_ACTIONS"] = null;
        return ToolRunner.RunAsync(new ToolCommand("bash", [WorkingCopy.BuildScript, "Tag", "--skip", "--no-logo", .. arguments])
            { WorkingDirectory = workingDirectory, Environment = childEnvironment }, echoOutput: false);
    }

    /// <summary>Reads a GitHub Actions file command (name=value and name&lt;&lt;delimiter forms).</summary>
    public static Dictionary<string, string> ReadStepFile(string path)
    {
        var values = new Dictionary<string, string>();
        var lines = File.ReadAllText(path).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0) continue;
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var equals = line.IndexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var delimiter = line[(heredoc + 2)..];
                var value = new List<string>();
                for (i++; lines[i] != delimiter; i++) value.Add(lines[i]);
                values[line[..heredoc]] = string.Join('\n', value);
            }
            else values[line[..equals]] = line[(equals + 1)..];
        }
        return values;
    }
}
