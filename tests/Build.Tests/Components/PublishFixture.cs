using System.Text.Json.Nodes;
using Build.Tests.Docker;
using Build.Tests.GitHub;
using Build.Tests.Git;
using Build.Tests.Support;

namespace Build.Tests.Components;

/// <summary>What the process tests of the image targets share: a repository to build, and GitHub Actions' variables.</summary>
static class PublishFixture
{
    /// <summary>Builds from the stand-in base, since ghcr.io is out of reach.</summary>
    public static readonly string[] StandIn = ["--mlflow-image", TestRegistry.StandInImage, "--mlflow-version", TestRegistry.StandInVersion];

    /// <summary>A repository with dockerfile.mlflow and one commit on main, and a DOCKER_CONFIG logged in to the stand-in's registry.</summary>
    public static async Task<(TemporaryGitRepository Repository, DockerSandbox Sandbox)> PrepareAsync()
    {
        var repository = TemporaryGitRepository.Create();
        foreach (var file in new[] { "dockerfile.mlflow", ".dockerignore" })
            File.Copy(Path.Combine(Repo.Root, file), Path.Combine(repository.Path, file));
        repository.Commit("the image");
        var sandbox = new DockerSandbox();
        await sandbox.LoginToBaseAsync();
        return (repository, sandbox);
    }

    /// <summary>
    /// The variables of a GitHub Actions run of Owner/Repo, with <paramref name="payload"/> as the event file. Its run id
    /// is random: run ids name staging tags and smoke containers, and tests run side by side, as runs do on GitHub.
    /// </summary>
    public static Dictionary<string, string> Actions(TemporaryGitRepository repository, DockerSandbox sandbox, FakeGitHubApi api, string eventName, string gitRef, JsonObject payload)
    {
        var eventPath = Path.Combine(sandbox.WorkDirectory, "event.json");
        Directory.CreateDirectory(sandbox.WorkDirectory);
        payload["repository"] = new JsonObject { ["full_name"] = "Owner/Repo", ["default_branch"] = "main" };
        File.WriteAllText(eventPath, payload.ToJsonString());
        return new()
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = eventName, ["GITHUB_EVENT_PATH"] = eventPath, ["GITHUB_SHA"] = repository.Sha(),
            ["GITHUB_REF"] = gitRef, ["GITHUB_REPOSITORY"] = "Owner/Repo", ["GITHUB_ACTOR"] = "pusher", ["GITHUB_API_URL"] = api.Url,
            ["GITHUB_RUN_ID"] = Random.Shared.Next(10_000, int.MaxValue).ToString(), ["GITHUB_RUN_ATTEMPT"] = "1", ["DOCKER_CONFIG"] = sandbox.ConfigDirectory,
        };
    }
}
