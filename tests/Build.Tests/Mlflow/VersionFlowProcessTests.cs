using Build.Tests.Dockerfile;
using Build.Tests.Support;
using Tooling;

namespace Build.Tests.Mlflow;

/// <summary>The real ./build.sh DockerBuildx on the stand-in base: version parameters reach pip inside the image.</summary>
public class VersionFlowProcessTests
{
    [SkippableTheory]
    [InlineData("linux/amd64", "x86_64")]
    [InlineData("linux/arm64", "aarch64")]
    public async Task Pins_given_to_the_build_reach_pip_in_the_loaded_image(string platform, string machine)
    {
        Need.Registry();
        using var docker = await StandInDocker.LoginAsync();
        var build = await ToolRunner.RunAsync(
            new ToolCommand("bash", [WorkingCopy.BuildScript, "DockerBuildx", "--skip", "--no-logo",
                "--registry", TestRegistry.Address, "--image-name", $"test-dockerfile-{Guid.NewGuid():N}/mlflow", "--platforms", platform,
                "--mlflow-image", TestRegistry.StandInImage, "--mlflow-version", TestRegistry.StandInVersion,
                "--boto3-version", "1.34.162", "--psycopg2-version", "2.9.10"])
            {
                WorkingDirectory = WorkingCopy.Root,
                Environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = docker.ConfigDirectory, ["NO_COLOR"] = "1", ["GITHUB_ACTIONS"] = null },
            },
            echoOutput: false);
        Assert.True(build.Succeeded, build.StandardOutput + build.StandardError);
        var image = build.StandardOutput.Split('\n').Select(line => line.Split("Image loaded into the local engine: ")).Single(parts => parts.Length == 2)[1].Trim();
        try
        {
            var run = await docker.RunAsync("run", "--rm", "--platform", platform, image, "cat", "/var/log/stand-in/pip.log");
            Assert.True(run.Succeeded, run.StandardError);
            Assert.Equal(
                $"pip install --no-cache-dir -r /tmp/requirements.txt [{machine}]\n--- /tmp/requirements.txt\n" +
                "boto3==1.34.162\npsycopg2-binary==2.9.10\n--- end\n",
                run.StandardOutput);
        }
        finally
        {
            await docker.RunAsync("image", "rm", "--force", image);
        }
    }
}
