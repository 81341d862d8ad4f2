using Git;
using GitHub;
using GitHub.Context;

namespace Components;

/// <summary>
/// The GitHub context of this run: from GITHUB_* variables and the event payload on GitHub Actions, otherwise
/// from git (event "push"). A target that reads it declares <c>.Resolves(ResolveGitHubContextAsync)</c>; the
/// engine resolves it once before the targets run, and <see cref="GitHubContext"/> only reads it.
/// </summary>
interface IHazGitHubContext : INukeBuild
{
    static readonly Once<GitHubContext> GitHubContextOnce = new("the GitHub context");

    /// <summary>The one token for GitHub's APIs (repository data, the Packages API, pull requests); GITHUB_TOKEN by default.</summary>
    [Parameter("Token for GitHub's API (default: GITHUB_TOKEN); Prune's deletions need admin on the package"), Secret]
    Secret? GitHubToken => TryGetValue(() => GitHubToken) ?? Secret.From(EnvironmentVariables.GetValueOrDefault("GITHUB_TOKEN"));

    /// <summary>The run's GitHub context, as <see cref="ResolveGitHubContextAsync"/> found it.</summary>
    GitHubContext GitHubContext => Once.Get(GitHubContextOnce);

    /// <summary>Finds the run's GitHub context once (locally that runs git); later calls reuse it.</summary>
    Task<GitHubContext> ResolveGitHubContextAsync()
    {
        var (environment, root) = (EnvironmentVariables, RootDirectory);
        return Once.ResolveAsync(GitHubContextOnce, async () => EnvironmentContext.Describes(environment)
            ? EnvironmentContext.Load(environment)
            : await GitContext.LoadAsync(root) with
            {
                ApiUrl = environment.GetValueOrDefault("GITHUB_API_URL") is { Length: > 0 } api ? api : "https://api.github.com",
            });
    }
}
