using GitHub;

namespace Publishing;

/// <summary>Whether this run pushes, and the sentence the log (and the summary) gives for it.</summary>
internal sealed record PushDecision(bool Push, string Reason);

/// <summary>
/// The Push default: on GitHub Actions, pushes, manual runs, schedules, releases and same-repository pull
/// requests push; fork pull requests never do (their GITHUB_TOKEN is read-only), and
/// a pull request counts as same-repository only when its payload says so positively. A run by hand whose `push`
/// input is off only builds and checks (how a build checks a pull request it opened). Locally only --push pushes.
/// </summary>
internal static class PushPolicy
{
    static readonly string[] PushingEvents = ["push", "workflow_dispatch", "schedule", "release", "merge_group"];

    public static PushDecision Decide(bool? requested, GitHubContext context)
    {
        if (context.IsForkPullRequest)
            return new(false, (context.PayloadText("pull_request", "head", "repo", "full_name") is { Length: > 0 }
                                  ? "Pull request from a fork"
                                  : "Pull request whose head repository is unknown (a deleted fork?)")
                              + ": its GITHUB_TOKEN is read-only, so the image is built but not pushed"
                              + (requested == true ? " (--push ignored)." : "."));
        if (requested is { } explicitly)
            return new(explicitly, explicitly ? "--push was given." : "--push was turned off.");
        if (!context.IsGitHubActions)
            return new(false, "Local build without --push: the image goes into the local engine only.");
        if (context.EventName == "workflow_dispatch" && IsOff(context.Payload["inputs"]?["push"]))
            return new(false, "Run by hand with the push input off: the image is built and checked, nothing is pushed.");
        if (context.IsPullRequest)
            return new(true, "Pull request from this repository: its image is pushed.");
        return PushingEvents.Contains(context.EventName)
            ? new(true, $"GitHub Actions '{context.EventName}' event: the image is pushed.")
            : new(false, $"GitHub Actions '{context.EventName}' event: nothing is pushed (pass --push to change that).");
    }

    /// <summary>A workflow_dispatch input in the event payload: a string ("false") from the API and the web form, or a JSON boolean.</summary>
    static bool IsOff(System.Text.Json.Nodes.JsonNode? input) => input is System.Text.Json.Nodes.JsonValue value
        && (value.TryGetValue<bool>(out var flag) ? !flag : value.TryGetValue<string>(out var text) && string.Equals(text, "false", StringComparison.OrdinalIgnoreCase));
}
