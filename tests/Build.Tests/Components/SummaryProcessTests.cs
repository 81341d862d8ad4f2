using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Build.Tests.GitHub;
using Build.Tests.Git;
using Build.Tests.Registry;
using Build.Tests.Support;

using static Build.Tests.Components.PublishFixture;

namespace Build.Tests.Components;

/// <summary>
/// The end of Publish as GitHub Actions sees it: the job summary in $GITHUB_STEP_SUMMARY and the step outputs
/// in $GITHUB_OUTPUT, read back after a real two-platform push to a registry with auth.
/// </summary>
public class SummaryProcessTests
{
    [SkippableFact]
    public async Task A_push_on_Actions_writes_the_summary_and_outputs_with_the_index_digest_and_no_secret()
    {
        Need.Registry();
        var token = "ghs_summary_sentinel" + Guid.NewGuid().ToString("N");
        using var own = new OwnRegistry("pusher", token);
        var (repository, sandbox) = await PrepareAsync();
        using var _ = repository;
        using var __ = sandbox;
        using var api = new FakeGitHubApi();
        var summaryFile = Path.Combine(sandbox.WorkDirectory, "summary.md");
        var outputFile = Path.Combine(sandbox.WorkDirectory, "output.txt");
        var environment = Actions(repository, sandbox, api, "push", "refs/heads/main", new JsonObject());
        environment["GITHUB_TOKEN"] = token;
        environment["GITHUB_STEP_SUMMARY"] = summaryFile;
        environment["GITHUB_OUTPUT"] = outputFile;

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment, ["Publish", "--registry", own.Address, .. StandIn]);

        Assert.True(exitCode == 0, output);
        var image = $"{own.Address}/owner/repo/mlflow";
        var (digest, index) = await own.Reader.ManifestAsync("owner/repo/mlflow", "latest");
        var summary = File.ReadAllText(summaryFile);
        Assert.Contains("## MLflow 3.1.1 image published", summary);
        Assert.Contains("| `org.opencontainers.image.version` | 3.1.1 |", summary);
        Assert.Contains($"- `{image}:3.1.1`", summary);
        Assert.Contains($"| Image | `{image}` |", summary);
        Assert.Contains($"| Digest | `{digest}` |", summary);
        Assert.Contains($"- `{image}:latest`", summary);
        Assert.Contains($"- `{image}:main`", summary);
        foreach (var platform in new[] { "linux/amd64", "linux/arm64" })
        {
            var listed = index["manifests"]!.AsArray().Single(m => $"{m!["platform"]!["os"]}/{m["platform"]!["architecture"]}" == platform)!["digest"]!.GetValue<string>();
            Assert.Contains($"| `{platform}` | `{listed}` |", summary);
        }
        Assert.Contains($"docker pull {image}:latest", summary);
        Assert.Contains($"    image: {image}@{digest}", summary);

        var outputs = ParseOutputFile(File.ReadAllText(outputFile));
        Assert.Equal(image, outputs["image"]);
        Assert.Equal(digest, outputs["digest"]);
        Assert.Contains($"{image}:latest", outputs["tags"].Split('\n'));
        Assert.Equal("main", outputs["version"]);
        Assert.DoesNotContain(token, summary);
        Assert.DoesNotContain(token, File.ReadAllText(outputFile));
    }

    /// <summary>Reads the delimiter form (name&lt;&lt;DELIM, value lines, DELIM); the last value of a name wins, as on GitHub.</summary>
    static Dictionary<string, string> ParseOutputFile(string text)
    {
        var values = new Dictionary<string, string>();
        foreach (Match match in Regex.Matches(text, @"^(?<name>[^\n<]+)<<(?<delim>\S+)\n(?<value>.*?)\n\k<delim>$", RegexOptions.Multiline | RegexOptions.Singleline))
            values[match.Groups["name"].Value] = match.Groups["value"].Value;
        return values;
    }
}
