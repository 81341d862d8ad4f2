using System.Text.RegularExpressions;
using Build.Tests.Support;

namespace Build.Tests.SelfContained;

/// <summary>
/// The README's Quick start: two commands on a machine of this kind, set-up included. The publish command runs here as
/// written, in a clone with nothing beside it; the test command is .ci/run, whose full run inside a test would run this
/// test again, so <see cref="TestsWorkflowSimulationTests"/> runs it on a few tests, as the tests workflow does.
/// </summary>
public class QuickStartTests
{
    public const string Publish = "bash .ci/stack && ./build.sh Publish";
    public const string Tests = "bash .ci/run";
    const string DaemonJson = "/etc/docker/daemon.json";

    [Fact]
    public void The_README_quick_start_is_exactly_these_two_commands()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var section = Regex.Match(readme, @"## Quick start\n(.*?)\n## ", RegexOptions.Singleline);
        Assert.True(section.Success, "README.md has no '## Quick start' section");
        var block = Regex.Match(section.Groups[1].Value, "```bash\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var commands = block.Split('\n').Select(line => Regex.Replace(line, @"\s+#\s.*$", "").Trim()).Where(line => line.Length > 0);
        Assert.Equal([Publish, Tests], commands);
    }

    [SkippableFact]
    public async Task The_publish_command_works_as_written_in_a_clone_with_nothing_beside_it_and_leaves_daemon_json_as_it_was()
    {
        Need.Registry();
        using var clone = new FreshClone();
        Assert.Empty(clone.Siblings);
        var daemonJson = File.Exists(DaemonJson) ? File.ReadAllBytes(DaemonJson) : null;

        var (exitCode, output) = await clone.RunAsync(Publish);

        Assert.True(exitCode == 0, $"{Publish}\n{output}");
        // dockerd was running before: the stack uses it as it is.
        Assert.Equal(daemonJson, File.Exists(DaemonJson) ? File.ReadAllBytes(DaemonJson) : null);
        // The stack was up: nothing changes but the clone's own copy of the smoke test's S3 server (npm ci into the clone).
        Assert.Matches(@"\.ci/stack: ready in [\d.]+s; changed( nothing|: installed s3rver into \.ci/stand-in-server/s3 \(npm ci\)\n)", output);
        Assert.Contains("Build succeeded", output);
        Assert.Contains("docker run", output); // the summary's way to start the image
        // Without ghcr.io the build says in one line that it used the stand-in; with it, it uses the real base.
        var fellBack = output.Contains("ghcr.io does not answer: building from the fallback base");
        Assert.Equal(!MlflowBaseImageAnswers(), fellBack);
        Assert.DoesNotContain("   at ", output);
    }

    static bool MlflowBaseImageAnswers() => global::Mlflow.MlflowBaseImageChoice.RegistryAnswersAsync(global::Registry.ImageReference.Parse("ghcr.io/mlflow/mlflow")).GetAwaiter().GetResult();
}
