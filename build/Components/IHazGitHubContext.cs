using GitHub;
using GitHub.Context;

namespace Components;

/// <summary>
/// The GitHub context of this run, loaded once and kept in the build state: from GITHUB_* variables and the
/// event payload on GitHub Actions, otherwise from git (event "push").
/// </summary>
interface IHazGitHubContext : INukeBuild
{
    GitHubContext GitHubContext
    {
        get
        {
            if (State.TryGet<GitHubContext>() is { } loaded) return loaded;
            var environment = EnvironmentVariables;
            var context = EnvironmentContext.Describes(environment)
                ? EnvironmentContext.Load(environment)
                : GitContext.LoadAsync(RootDirectory).GetAwaiter().GetResult() with
                {
                    ApiUrl = environment.GetValueOrDefault("GITHUB_API_URL") is { Length: > 0 } api ? api : "https://api.github.com",
                };
            State.Set(context);
            return context;
        }
    }
}
