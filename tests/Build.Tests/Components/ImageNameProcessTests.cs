using Build.Tests.Git;

namespace Build.Tests.Components;

/// <summary>A push needs to know where to: without a GitHub owner/repo, the build asks for --image-name instead of guessing.</summary>
public class ImageNameProcessTests
{
    [Fact]
    public async Task A_push_from_a_repository_without_a_GitHub_remote_stops_before_login_and_asks_for_the_image_name()
    {
        using var repository = TemporaryGitRepository.Create();
        // The image's Dockerfile, which holds the default MLflow version: without it that would be the first complaint.
        File.Copy(Path.Combine(Support.Repo.Root, "dockerfile.mlflow"), Path.Combine(repository.Path, "dockerfile.mlflow"));
        repository.Commit("first");
        var environment = new Dictionary<string, string>
        {
            ["REGISTRY_PASSWORD"] = "unused-password", ["DOCKER_CONFIG"] = Path.Combine(repository.Path, ".docker"),
        };

        var (exitCode, output) = await BuildProcess.RunAsync(repository.Path, environment,
            ["Publish", "--push", "--registry", "127.0.0.1:9", "--registry-username", "someone"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("[ERR] Target Login failed: Cannot tell which repository to push to", output);
        Assert.Contains("--image-name <owner>/<repo>/mlflow", output);
        Assert.DoesNotContain("> docker login", output);
        Assert.DoesNotContain("> docker buildx build", output);
    }
}
