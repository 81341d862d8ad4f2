using Build.Tests.Support;
using Tooling;

namespace Build.Tests.Mlflow;

/// <summary>The real ./build.sh: a bad version ends the run before any target starts, with one line naming it.</summary>
public class BadVersionProcessTests
{
    [Theory]
    [InlineData("--boto3-version", "1.0;x", "Boto3Version '1.0;x' is not a PEP 440 public version")]
    [InlineData("--psycopg2-version", "2.9\nrequests", "Psycopg2Version '2.9\\nrequests' is not a PEP 440 public version")]
    [InlineData("--mlflow-version", "v3.1.1 --push", "MlflowVersion 'v3.1.1 --push' is not a Docker tag")]
    [InlineData("--mlflow-image", "ghcr.io/mlflow/mlflow:v3.1.1", "MlflowImage 'ghcr.io/mlflow/mlflow:v3.1.1' names a tag or digest")]
    public async Task DockerBuildx_refuses_a_bad_version_with_one_line_and_a_non_zero_exit(string option, string value, string expected)
    {
        var result = await ToolRunner.RunAsync(
            new ToolCommand("bash", [WorkingCopy.BuildScript, "DockerBuildx", "--skip", option, value, "--no-logo"])
                { WorkingDirectory = WorkingCopy.Root, Environment = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["GITHUB_ACTIONS"] = null } },
            echoOutput: false);

        Assert.NotEqual(0, result.ExitCode);
        var output = result.StandardOutput + result.StandardError;
        var errors = output.Split('\n').Where(line => line.Contains("[ERR]")).ToList();
        var error = Assert.Single(errors);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", output);                  // no stack trace
        Assert.DoesNotContain("DockerBuildx", output.Replace("Target 'DockerBuildx'", ""));   // no target started
    }
}
