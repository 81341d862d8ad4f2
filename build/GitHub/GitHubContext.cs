using System.Text.Json.Nodes;

namespace GitHub;

/// <summary>
/// Where and why the build runs: GitHub Actions' variables and event payload, or (locally) what git
/// knows, with event "push". Read once at the edge, then passed around as a value.
/// </summary>
public sealed record GitHubContext
{
    public string EventName { get; init; } = "push";
    public string Sha { get; init; } = "";
    public string Ref { get; init; } = "";
    /// <summary>"owner/repo" (may be empty when nothing names it).</summary>
    public string Repository { get; init; } = "";
    public string Actor { get; init; } = "";
    public string ServerUrl { get; init; } = "https://github.com";
    public string ApiUrl { get; init; } = "https://api.github.com";
    public string RunId { get; init; } = "";
    public string RunNumber { get; init; } = "";
    public string RunAttempt { get; init; } = "";
    /// <summary>The event payload ({} when there is none).</summary>
    public JsonObject Payload { get; init; } = new();
    public bool IsGitHubActions { get; init; }
    /// <summary>The commit's date when it is known without the API (event payload, or git locally).</summary>
    public DateTimeOffset? CommitDate { get; init; }
    /// <summary>The default branch when it is known without the API (payload, or origin/HEAD locally).</summary>
    public string? DefaultBranch { get; init; }

    public string Owner => Repository.Split('/')[0];
    public string RepositoryName => Repository.Contains('/') ? Repository.Split('/')[1] : "";
    public bool IsPullRequest => EventName is "pull_request" or "pull_request_target";

    /// <summary>A pull request whose head lives in another repository: its token is read-only, so nothing is pushed.</summary>
    public bool IsForkPullRequest =>
        IsPullRequest
        && Payload["pull_request"]?["head"]?["repo"]?["full_name"]?.GetValue<string>() is { } head
        && !string.Equals(head, Repository, StringComparison.OrdinalIgnoreCase);
}
