using System.Text.Json.Nodes;

namespace GitHub;

/// <summary>
/// Where and why the build runs: GitHub Actions' variables and event payload, or (locally) what git
/// knows, with event "push". Read once at the edge, then passed around as a value.
/// </summary>
internal sealed record GitHubContext
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

    /// <summary>
    /// A pull request whose head repository is positively this one (head.repo.full_name equals the base's).
    /// Only this counts as same-repository: a deleted fork (head.repo null), a missing or malformed head, or
    /// an unknown base repository is treated as a fork, whose token must not log in or push.
    /// </summary>
    public bool IsSameRepositoryPullRequest =>
        IsPullRequest
        && PayloadText("pull_request", "head", "repo", "full_name") is { Length: > 0 } head
        && (PayloadText("pull_request", "base", "repo", "full_name") is { Length: > 0 } baseName ? baseName : Repository) is { Length: > 0 } repository
        && string.Equals(head, repository, StringComparison.OrdinalIgnoreCase);

    /// <summary>A pull request not positively from this repository: its token is read-only, so nothing is pushed.</summary>
    public bool IsForkPullRequest => IsPullRequest && !IsSameRepositoryPullRequest;

    /// <summary>The string at <paramref name="path"/> in the payload; null when any step is missing or not an object, or the value is no string.</summary>
    public string? PayloadText(params string[] path)
    {
        JsonNode? node = Payload;
        foreach (var key in path) node = node is JsonObject o ? o[key] : null;
        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }
}
