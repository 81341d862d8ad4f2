using Build.Tests.Support;
using Tooling;

namespace Build.Tests.Workflows;

/// <summary>The real ./build.sh writes the workflow: explicitly with --generate-configuration, and on any local run.</summary>
public sealed class GenerateConfigurationProcessTests : IDisposable
{
    readonly DirectoryInfo root = Directory.CreateTempSubdirectory("workflow-root-");
    string Generated => Path.Combine(root.FullName, ".github", "workflows", "mlflow-image-publish.yml");

    public GenerateConfigurationProcessTests() => root.CreateSubdirectory(".nuke");

    public void Dispose() => root.Delete(recursive: true);

    async Task<string> BuildAsync(params string[] args)
    {
        var result = await ToolRunner.RunAsync(
            new ToolCommand("bash", [WorkingCopy.BuildScript, .. args, "--root", root.FullName, "--no-logo"])
            {
                WorkingDirectory = WorkingCopy.Root,
                Environment = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["GITHUB_ACTIONS"] = null },
            },
            echoOutput: false);
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0, output);
        return output;
    }

    [Fact]
    public async Task Generate_configuration_writes_the_committed_file()
    {
        var output = await BuildAsync("--generate-configuration", "GitHubActions_mlflow-image-publish");

        Assert.Contains("Updated .github/workflows/mlflow-image-publish.yml", output);
        Assert.Equal(File.ReadAllText(BuildUnderTest.CommittedPath), File.ReadAllText(Generated));
    }

    [Fact]
    public async Task A_local_run_regenerates_a_changed_file_and_says_so()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Generated)!);
        File.WriteAllText(Generated, "# edited by hand\n");

        var output = await BuildAsync("--help");

        Assert.Contains("Configuration files for GitHubActions_mlflow-image-publish have changed", output);
        Assert.Equal(File.ReadAllText(BuildUnderTest.CommittedPath), File.ReadAllText(Generated));
    }
}
