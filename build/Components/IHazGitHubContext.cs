using Git;
using GitHub;
using GitHub.Context;

namespace Components;

/// <summary>
/// The GitHub context of this run: from GITHUB_* variables and the event payload on GitHub Actions, otherwise
/// from git (event "push"). <see cref="LoadGitHubContext"/> reads it on its first call and keeps it for the run.
/// </summary>
interface IHazGitHubContext : INukeBuild
{
    static readonly Once<GitHubContext> GitHubContextOnce = new("the GitHub context");

    /// <summary>The one token for GitHub's APIs (repository data, the Packages API, pull requests); GITHUB_TOKEN by default.</summary>
    [Parameter("Token for GitHub's API (default: GITHUB_TOKEN); Prune's deletions need admin on the package"), Secret]
    string? GitHubToken => TryGetValue(() => GitHubToken) ?? EnvironmentVariables.GetValueOrDefault("GITHUB_TOKEN");

    /// <summary>The run's GitHub context; the first call reads it (locally that runs git), later calls reuse it.</summary>
    GitHubContext LoadGitHubContext() => Once.GetOrCompute(GitHubContextOnce, () =>
    {
        var environment = EnvironmentVariables;
        return EnvironmentContext.Describes(environment)
            ? EnvironmentContext.Load(environment)
            : GitContext.LoadAsync(RootDirectory).GetAwaiter().GetResult() with
            {
                ApiUrl = environment.GetValueOrDefault("GITHUB_API_URL") is { Length: > 0 } api ? api : "https://api.github.com",
            };
    });
}
