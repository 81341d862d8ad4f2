using Build.Tests.Workflows;
using Build.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Build.Tests.SelfContained;

/// <summary>
/// .github/workflows/tests.yml run step by step on this machine, in a clone with nothing beside it: each action is
/// checked for what it would provide (the checkout, the SDK global.json names, cosign), each run: step runs with
/// CI=true as GitHub runs it. The test command runs on a few tests: the whole suite inside a test would run it again.
/// </summary>
public class TestsWorkflowSimulationTests
{
    const string DaemonJson = "/etc/docker/daemon.json";
    public const string FewTests = "FullyQualifiedName~Build.Tests.Support.SkipSummaryTests";

    [SkippableFact]
    public async Task Each_step_of_the_job_succeeds_in_a_fresh_clone_and_the_test_command_ends_with_no_skips()
    {
        Need.Registry();
        Need.Cosign();
        using var clone = new FreshClone();
        Assert.Empty(clone.Siblings);
        var daemonJson = File.Exists(DaemonJson) ? File.ReadAllBytes(DaemonJson) : null;
        var workflow = WorkflowYaml.Read(File.ReadAllText(Path.Combine(clone.Path, ".github", "workflows", "tests.yml")));
        var job = (YamlMappingNode)((YamlMappingNode)workflow.At("jobs")).Children.Values.Single();
        var ran = new List<string>();

        foreach (var step in ((YamlSequenceNode)job.At("steps")).Children.Cast<YamlMappingNode>())
        {
            if (step.Children.ContainsKey("uses")) await ProvideAsync(clone, step);
            else
            {
                var command = step.At("run").Text();
                var simulated = command == TestsWorkflowTests.TestCommand ? $"{command} --filter \"{FewTests}\"" : command;
                var (exitCode, output) = await clone.RunAsync(simulated, new Dictionary<string, string?> { ["CI"] = "true" });
                Assert.True(exitCode == 0, $"step '{command}' failed:\n{output}");
                if (command == TestsWorkflowTests.TestCommand)
                {
                    Assert.Contains("Skipped tests: none", output);
                    Assert.Contains($"tests: {typeof(Build.Tests.Support.SkipSummaryTests).GetMethods().Count(m => m.IsDefined(typeof(FactAttribute), false))} passed, 0 failed, 0 skipped", output);
                }
                else Assert.Matches(@"\.ci/stack: ready in [\d.]+s; changed( nothing|: installed s3rver into \.ci/stand-in-server/s3 \(npm ci\)\n)", output);
            }
            ran.Add(step.At("name").Text());
        }

        Assert.Equal(["Checkout", "Set up .NET", "Cache: ~/.nuget/packages", "Install cosign", "Run: bash .ci/stack --configure-engine", "Run: bash .ci/run"], ran);
        Assert.Equal(daemonJson, File.Exists(DaemonJson) ? File.ReadAllBytes(DaemonJson) : null);
    }

    /// <summary>What the action gives the job, checked on this machine; an action without a check here fails the test.</summary>
    static async Task ProvideAsync(FreshClone clone, YamlMappingNode step)
    {
        var action = step.At("uses").Text().Split('@')[0];
        switch (action)
        {
            case "actions/checkout":
                var head = Build.Tests.Git.TemporaryGitRepository.RunGit(Repo.Root, ["rev-parse", "HEAD"]).Trim();
                Assert.Equal(head, Build.Tests.Git.TemporaryGitRepository.RunGit(clone.Path, ["rev-parse", "HEAD"]).Trim());
                break;
            case "actions/setup-dotnet":
                // dotnet picks the SDK global.json names (or fails) in the clone's folder.
                Assert.True(File.Exists(Path.Combine(clone.Path, step.At("with", "global-json-file").Text())));
                var (sdk, version) = await clone.RunAsync("dotnet --version");
                Assert.True(sdk == 0, version);
                break;
            case "actions/cache":
                Assert.Equal("~/.nuget/packages", step.At("with", "path").Text()); // the machine's own NuGet folder serves here
                break;
            case "sigstore/cosign-installer":
                var (cosign, output) = await clone.RunAsync("cosign version");
                Assert.True(cosign == 0, output);
                break;
            default:
                Assert.Fail($"the simulation does not know what {action} provides: add it here");
                break;
        }
    }
}
