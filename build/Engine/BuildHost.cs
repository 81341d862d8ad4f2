namespace Engine;

/// <summary>Where a build runs, decided in one place from the run's environment snapshot.</summary>
public static class BuildHost
{
    public const string GitHubActions = "GitHubActions";
    public const string Terminal = "Terminal";

    /// <summary>The one test for "on GitHub Actions": the runner sets GITHUB_ACTIONS=true in every step.</summary>
    public static bool IsGitHubActions(IReadOnlyDictionary<string, string?> environment) =>
        environment.GetValueOrDefault("GITHUB_ACTIONS") == "true";
}
